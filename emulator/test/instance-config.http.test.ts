import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { instanceConfig } from '../src/instance-config.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts'
import { fapiClient } from './helpers/fapi.ts'

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
  const res = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password } })
  return { client, res, me: { _clerk_session_id: res.json.response?.created_session_id as string } }
}

describe('the instance configuration', () => {
  it('is what /v1/environment shows', async () => {
    const config = t.emulator.ctx.config
    Object.assign(config, { applicationName: 'Acme', deleteSelf: true })
    config.emailAddress.verifyAtSignUp = true
    config.password.minLength = 12
    const env = (await (await fapiClient(t.emulator)).call('GET', '/v1/environment')).json
    expect(env.display_config.application_name).toBe('Acme')
    expect(env.user_settings.actions.delete_self).toBe(true)
    expect(env.user_settings.attributes.email_address.verify_at_sign_up).toBe(true)
    expect(env.user_settings.password_settings.min_length).toBe(12)
  })

  it('is what the sign-up flow and the Backend API apply', async () => {
    const config = t.emulator.ctx.config
    config.password.minLength = 12
    const fapi = await signUp('short@example.com', 'eleven-char')
    const bapi = await t.bapi('POST', '/v1/users', { json: { email_address: ['short2@example.com'], password: 'eleven-char' } })
    for (const res of [fapi.res, bapi]) expect(res.json.errors[0]).toMatchObject({ code: 'form_password_length_too_short', message: 'Passwords must be 12 characters or more.' })

    config.emailAddress.verifyAtSignUp = true
    const pending = await signUp('verify@example.com', 'a-long-password')
    expect(pending.res.json.response).toMatchObject({ status: 'missing_requirements', unverified_fields: ['email_address'] })
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
