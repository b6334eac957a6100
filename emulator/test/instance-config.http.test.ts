import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { instanceConfig } from '../src/instance-config.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts'
import { fapiClient } from './helpers/fapi.ts'
import { fapiSchemaErrors } from './helpers/fapi-schema.ts'

// ctx.config (src/instance-config.ts) is the one place the instance's settings live: changing a
// field there changes /v1/environment, the flows of both APIs and the console alike, with nothing
// else to update.

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator()
})

afterAll(async () => {
  await t?.stop()
})

afterEach(() => {
  t.emulator.ctx.config = instanceConfig(t.emulator.ctx.options)
})

async function signUp(email: string, password: string) {
  const client = await fapiClient(t.emulator)
  const res = await client.signUp({ email_address: email, password })
  return { client, res, me: { _clerk_session_id: res.json.response?.created_session_id as string } }
}

describe('the instance configuration', () => {
  it('is what /v1/environment shows', async () => {
    const config = t.emulator.ctx.config
    Object.assign(config, { applicationName: 'Acme', deleteSelf: true })
    config.emailAddress.verifyAtSignUp = false
    config.password.minLength = 12
    const env = (await (await fapiClient(t.emulator)).call('GET', '/v1/environment')).json
    expect(env.display_config.application_name).toBe('Acme')
    expect(env.user_settings.actions.delete_self).toBe(true)
    expect(env.user_settings.attributes.email_address.verify_at_sign_up).toBe(false)
    expect(env.user_settings.password_settings.min_length).toBe(12)
  })

  it('starts as a new Clerk instance: email and password, the email verified by an emailed code at sign-up', async () => {
    const env = (await (await fapiClient(t.emulator)).call('GET', '/v1/environment')).json
    expect(env.user_settings.attributes.email_address).toMatchObject({ enabled: true, required: true, used_for_first_factor: true, first_factors: ['email_code'], verifications: ['email_code'], verify_at_sign_up: true })
    expect(env.user_settings.attributes.phone_number.enabled).toBe(false)
    expect(env.user_settings.attributes.username.enabled).toBe(false)
    expect(env.display_config.application_name).toBe('Clerk emulator')
    const res = await (await fapiClient(t.emulator)).call('POST', '/v1/client/sign_ups', { form: { email_address: 'new@example.com', password: 'a-long-password' } })
    expect(res.json.response).toMatchObject({ status: 'missing_requirements', unverified_fields: ['email_address'] })
  })

  it('shows every identifier, provider and second factor it turns on in Clerk\'s environment shape', async () => {
    Object.assign(t.emulator.ctx.config, {
      phoneNumber: { enabled: true, required: false },
      username: { enabled: true, required: true },
      socialConnections: ['oauth_google', 'oauth_github'],
      mfa: 'required',
    })
    const res = await (await fapiClient(t.emulator)).call('GET', '/v1/environment')
    expect(fapiSchemaErrors('GET /v1/environment', 200, res.json)).toBeNull()
    const { attributes, social, sign_in: signIn } = res.json.user_settings
    expect(attributes.username).toMatchObject({ enabled: true, required: true, used_for_first_factor: true })
    expect(attributes.phone_number).toMatchObject({ enabled: true, required: false, first_factors: ['phone_code'], verify_at_sign_up: true })
    // Two-step verification offers an authenticator app and backup codes; SMS codes are no second factor here.
    expect(attributes.phone_number).toMatchObject({ used_for_second_factor: false, second_factors: [] })
    expect(attributes.authenticator_app).toMatchObject({ enabled: true, second_factors: ['totp'] })
    expect(attributes.backup_code).toMatchObject({ enabled: true, second_factors: ['backup_code'] })
    expect(Object.keys(social)).toEqual(['oauth_google', 'oauth_github'])
    expect(social.oauth_github).toMatchObject({ enabled: true, authenticatable: true, strategy: 'oauth_github', name: 'GitHub' })
    expect(signIn.second_factor.required).toBe(true)
    expect(res.json.auth_config).toMatchObject({ email_address: 'required', phone_number: 'on', username: 'required', identification_strategies: ['email_address', 'phone_number', 'username'], second_factors: ['totp', 'backup_code'] })
  })

  it('is what the sign-up flow and the Backend API apply', async () => {
    const config = t.emulator.ctx.config
    config.password.minLength = 12
    const fapi = await signUp('short@example.com', 'eleven-char')
    const bapi = await t.bapi('POST', '/v1/users', { json: { email_address: ['short2@example.com'], password: 'eleven-char' } })
    for (const res of [fapi.res, bapi]) expect(res.json.errors[0]).toMatchObject({ code: 'form_password_length_too_short', message: 'Passwords must be 12 characters or more.' })

    config.emailAddress.verifyAtSignUp = false
    const client = await fapiClient(t.emulator)
    const unverified = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: 'verify@example.com', password: 'a-long-password' } })
    expect(unverified.json.response).toMatchObject({ status: 'complete', unverified_fields: [] })
  })

  it('is what /v1/me applies to account deletion', async () => {
    const { client, me } = await signUp('leaving@example.com', 'a-long-password')
    expect((await client.call('DELETE', '/v1/me', { query: me })).status).toBe(403)
    t.emulator.ctx.config.deleteSelf = true
    const deleted = await client.call('DELETE', '/v1/me', { query: me })
    expect(deleted.json.response).toMatchObject({ object: 'user', deleted: true })
  })

  it('is the session token template the console previews and tokens carry', async () => {
    const { res } = await signUp('claims@example.com', 'a-long-password')
    const userId = res.json.response.created_user_id as string
    t.emulator.ctx.config.sessionToken.claims = { plan: 'pro' }
    const preview = await (await fetch(`${t.emulator.url}/__emulator/token-preview?user_id=${userId}`, { headers: CONTROL_HEADERS })).json()
    const token = await t.bapi('POST', `/v1/sessions/${res.json.response.created_session_id}/tokens`)
    expect(preview.template).toEqual({ plan: 'pro' })
    expect(preview.claims.plan).toBe('pro')
    expect(JSON.parse(Buffer.from(token.json.jwt.split('.')[1], 'base64url').toString()).plan).toBe('pro')
  })
})
