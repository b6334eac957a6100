import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { fapiClient, fapiRequest, imageForm, TINY_PNG, type FapiResponse, type FapiTestClient } from './helpers/fapi.ts'
import { fapiSchemaErrors } from './helpers/fapi-schema.ts'
import { totpCode } from '../src/totp.ts'
import { providerTrip } from './helpers/oauth.ts'

// Every implemented Frontend API operation, answered for real and checked against Clerk's
// published response schema (fapi-2026-05-12): field names, types, nullability, required keys.

let emulator: RunningEmulator
let client: FapiTestClient
const seen = new Set<string>()

beforeAll(async () => {
  // Every identifier on, so the environment, the users and the phone number endpoints show them all.
  emulator = await startEmulator({ port: 0, memory: true, quiet: true, allowDelete: true, identifiers: { email_address: 'required', username: 'optional', phone_number: 'optional' }, social: ['google', 'github'], mfa: 'on' })
  client = await fapiClient(emulator)
})

afterAll(async () => {
  await emulator?.stop()
})

/** Asserts a 200 that matches the operation's schema, and returns it. */
function conforms(operation: string, res: FapiResponse): FapiResponse {
  expect({ operation, status: res.status, errors: res.json?.errors }).toEqual({ operation, status: 200, errors: undefined })
  expect({ operation, violations: fapiSchemaErrors(operation, 200, res.json) }).toEqual({ operation, violations: null })
  seen.add(operation)
  return res
}

async function code(to: string): Promise<string> {
  const outbox = await fapiRequest(`${emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/__emulator/emails?to=${encodeURIComponent(to)}`, { headers: CONTROL_HEADERS })
  return outbox.json.data[0].code
}

describe('Frontend API responses match Clerk\'s published schemas', () => {
  it('for the environment, the client, sign-up, sign-in, sessions and /v1/me', async () => {
    conforms('GET /v1/environment', await client.call('GET', '/v1/environment'))
    conforms('PATCH /v1/environment', await client.call('PATCH', '/v1/environment'))
    conforms('GET /v1/client', await client.call('GET', '/v1/client'))
    conforms('PUT /v1/client', await client.call('PUT', '/v1/client'))

    const email = 'schema@example.com'
    const created = conforms('POST /v1/client/sign_ups', await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email } }))
    const signUpId = created.json.response.id
    conforms('GET /v1/client/sign_ups/{sign_up_id}', await client.call('GET', `/v1/client/sign_ups/${signUpId}`))
    conforms('PATCH /v1/client/sign_ups/{sign_up_id}', await client.call('PATCH', `/v1/client/sign_ups/${signUpId}`, { form: { password: 'first-password', first_name: 'Schema' } }))
    conforms('POST /v1/client/sign_ups/{sign_up_id}/prepare_verification', await client.call('POST', `/v1/client/sign_ups/${signUpId}/prepare_verification`, { form: { strategy: 'email_code' } }))
    const done = conforms('POST /v1/client/sign_ups/{sign_up_id}/attempt_verification', await client.call('POST', `/v1/client/sign_ups/${signUpId}/attempt_verification`, { form: { strategy: 'email_code', code: await code(email) } }))
    const sessionId = done.json.response.created_session_id
    const me = { _clerk_session_id: sessionId }

    conforms('GET /v1/client/sessions/{session_id}', await client.call('GET', `/v1/client/sessions/${sessionId}`))
    conforms('POST /v1/client/sessions/{session_id}/touch', await client.call('POST', `/v1/client/sessions/${sessionId}/touch`))
    conforms('POST /v1/client/sessions/{session_id}/tokens', await client.call('POST', `/v1/client/sessions/${sessionId}/tokens`))
    const now = Date.now()
    emulator.store.data.jwtTemplates.tpl_schema = { id: 'tpl_schema', name: 'schema', claims: { aud: 'x' }, lifetime: 60, allowed_clock_skew: 5, created_at: now, updated_at: now }
    conforms('POST /v1/client/sessions/{session_id}/tokens/{template_name}', await client.call('POST', `/v1/client/sessions/${sessionId}/tokens/schema`))

    conforms('GET /v1/me', await client.call('GET', '/v1/me', { query: me }))
    conforms('PATCH /v1/me', await client.call('PATCH', '/v1/me', { form: { last_name: 'Check' }, query: me }))
    conforms('PATCH /v1/me/metadata', await client.call('PATCH', '/v1/me/metadata', { form: { unsafe_metadata: '{"theme":"dark"}' }, query: me }))
    conforms('POST /v1/me/change_password', await client.call('POST', '/v1/me/change_password', { form: { current_password: 'first-password', new_password: 'second-password' }, query: me }))
    conforms('GET /v1/me/sessions/active', await client.call('GET', '/v1/me/sessions/active', { query: me }))
    conforms('GET /v1/me/sessions', await client.call('GET', '/v1/me/sessions', { query: me }))

    const extra = 'schema-extra@example.com'
    const added = conforms('POST /v1/me/email_addresses', await client.call('POST', '/v1/me/email_addresses', { form: { email_address: extra }, query: me }))
    const emailId = added.json.response.id
    conforms('GET /v1/me/email_addresses', await client.call('GET', '/v1/me/email_addresses', { query: me }))
    conforms('GET /v1/me/email_addresses/{email_id}', await client.call('GET', `/v1/me/email_addresses/${emailId}`, { query: me }))
    conforms('POST /v1/me/email_addresses/{email_id}/prepare_verification', await client.call('POST', `/v1/me/email_addresses/${emailId}/prepare_verification`, { form: { strategy: 'email_code' }, query: me }))
    conforms('POST /v1/me/email_addresses/{email_id}/attempt_verification', await client.call('POST', `/v1/me/email_addresses/${emailId}/attempt_verification`, { form: { code: await code(extra) }, query: me }))
    conforms('DELETE /v1/me/email_addresses/{email_id}', await client.call('DELETE', `/v1/me/email_addresses/${emailId}`, { query: me }))
    // A Clerk test number: its SMS code is 424242.
    const phone = conforms('POST /v1/me/phone_numbers', await client.call('POST', '/v1/me/phone_numbers', { form: { phone_number: '+12025550142' }, query: me }))
    const phoneId = phone.json.response.id
    conforms('GET /v1/me/phone_numbers', await client.call('GET', '/v1/me/phone_numbers', { query: me }))
    conforms('GET /v1/me/phone_numbers/{phone_number_id}', await client.call('GET', `/v1/me/phone_numbers/${phoneId}`, { query: me }))
    conforms('POST /v1/me/phone_numbers/{phone_number_id}/prepare_verification', await client.call('POST', `/v1/me/phone_numbers/${phoneId}/prepare_verification`, { form: { strategy: 'phone_code' }, query: me }))
    conforms('POST /v1/me/phone_numbers/{phone_number_id}/attempt_verification', await client.call('POST', `/v1/me/phone_numbers/${phoneId}/attempt_verification`, { form: { code: '424242' }, query: me }))
    conforms('GET /v1/me', await client.call('GET', '/v1/me', { query: me })) // with a verified phone number
    conforms('DELETE /v1/me/phone_numbers/{phone_number_id}', await client.call('DELETE', `/v1/me/phone_numbers/${phoneId}`, { query: me }))
    conforms('POST /v1/me/profile_image', await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG), query: me }))
    conforms('GET /v1/me', await client.call('GET', '/v1/me', { query: me })) // has_image and its URL
    conforms('DELETE /v1/me/profile_image', await client.call('DELETE', '/v1/me/profile_image', { query: me }))

    conforms('DELETE /v1/client/sessions', await client.call('DELETE', '/v1/client/sessions'))

    const signIn = conforms('POST /v1/client/sign_ins', await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email } }))
    const signInId = signIn.json.response.id
    conforms('GET /v1/client/sign_ins/{sign_in_id}', await client.call('GET', `/v1/client/sign_ins/${signInId}`))
    conforms('POST /v1/client/sign_ins/{sign_in_id}/prepare_first_factor', await client.call('POST', `/v1/client/sign_ins/${signInId}/prepare_first_factor`, { form: { strategy: 'reset_password_email_code' } }))
    conforms('POST /v1/client/sign_ins/{sign_in_id}/attempt_first_factor', await client.call('POST', `/v1/client/sign_ins/${signInId}/attempt_first_factor`, { form: { strategy: 'reset_password_email_code', code: await code(email) } }))
    const reset = conforms('POST /v1/client/sign_ins/{sign_in_id}/reset_password', await client.call('POST', `/v1/client/sign_ins/${signInId}/reset_password`, { form: { password: 'third-password' } }))
    const second = reset.json.response.created_session_id

    conforms('POST /v1/me/sessions/{session_id}/revoke', await client.call('POST', `/v1/me/sessions/${second}/revoke`, { query: { _clerk_session_id: second } }))
    const again = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: 'third-password', strategy: 'password' } })
    const third = again.json.response.created_session_id
    conforms('POST /v1/client/sessions/{session_id}/end', await client.call('POST', `/v1/client/sessions/${third}/end`))
    conforms('POST /v1/client/sessions/{session_id}/remove', await client.call('POST', `/v1/client/sessions/${third}/remove`))
    conforms('DELETE /v1/client', await client.call('DELETE', '/v1/client'))

    const last = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: 'third-password', strategy: 'password' } })
    conforms('DELETE /v1/me', await client.call('DELETE', '/v1/me', { query: { _clerk_session_id: last.json.response.created_session_id } }))
  })

  it('for two-step verification: an authenticator app, backup codes and a second-factor sign-in', async () => {
    const email = 'schema-mfa@example.com'
    const mfa = await fapiClient(emulator)
    const signUp = (await mfa.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'mfa-password' } })).json.response
    await mfa.call('POST', `/v1/client/sign_ups/${signUp.id}/prepare_verification`, { form: { strategy: 'email_code' } })
    await mfa.call('POST', `/v1/client/sign_ups/${signUp.id}/attempt_verification`, { form: { strategy: 'email_code', code: await code(email) } })

    const { secret } = conforms('POST /v1/me/totp', await mfa.call('POST', '/v1/me/totp')).json.response
    conforms('POST /v1/me/totp/attempt_verification', await mfa.call('POST', '/v1/me/totp/attempt_verification', { form: { code: totpCode(secret) } }))
    const { codes } = conforms('POST /v1/me/backup_codes', await mfa.call('POST', '/v1/me/backup_codes/')).json.response
    conforms('GET /v1/me', await mfa.call('GET', '/v1/me'))
    await mfa.call('DELETE', '/v1/client/sessions')

    const signIn = conforms('POST /v1/client/sign_ins', await mfa.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: 'mfa-password', strategy: 'password' } }))
    expect(signIn.json.response.status).toBe('needs_second_factor')
    const path = `/v1/client/sign_ins/${signIn.json.response.id}`
    conforms('POST /v1/client/sign_ins/{sign_in_id}/prepare_second_factor', await mfa.call('POST', `${path}/prepare_second_factor`, { form: { strategy: 'totp' } }))
    conforms('POST /v1/client/sign_ins/{sign_in_id}/attempt_second_factor', await mfa.call('POST', `${path}/attempt_second_factor`, { form: { strategy: 'backup_code', code: codes[0] } }))
    conforms('GET /v1/client', await mfa.call('GET', '/v1/client')) // a session that passed both factors
    conforms('DELETE /v1/me/totp', await mfa.call('DELETE', '/v1/me/totp'))
  })

  it('for organizations, and a pending session with its task', async () => {
    Object.assign(emulator.ctx.config.organizations, { enabled: true, personalAccounts: false })
    try {
      // This emulator verifies e-mail at sign-up; `+clerk_test` addresses take 424242.
      const signUp = async (client: FapiTestClient, email: string) => {
        const id = (await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'org-password' } })).json.response.id
        await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: { strategy: 'email_code' } })
        return client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { strategy: 'email_code', code: '424242' } })
      }
      const owner = await fapiClient(emulator)
      const signedUp = conforms('POST /v1/client/sign_ups/{sign_up_id}/attempt_verification', await signUp(owner, 'org-owner+clerk_test@example.com'))
      const sessionId = signedUp.json.response.created_session_id
      const me = { _clerk_session_id: sessionId }
      expect(signedUp.json.client.sessions[0].tasks).toEqual([{ key: 'choose-organization' }])
      conforms('GET /v1/client', await owner.call('GET', '/v1/client'))
      conforms('GET /v1/environment', await owner.call('GET', '/v1/environment'))

      const org = conforms('POST /v1/organizations', await owner.call('POST', '/v1/organizations', { form: { name: 'Schema Org', slug: 'schema-org' }, query: me })).json.response
      conforms('POST /v1/client/sessions/{session_id}/touch', await owner.call('POST', `/v1/client/sessions/${sessionId}/touch`, { form: { active_organization_id: org.id, intent: 'select_org' } }))
      const path = `/v1/organizations/${org.id}`
      conforms('GET /v1/organizations/{organization_id}', await owner.call('GET', path, { query: me }))
      conforms('PATCH /v1/organizations/{organization_id}', await owner.call('PATCH', path, { form: { name: 'Schema Org 2' }, query: me }))
      conforms('PUT /v1/organizations/{organization_id}/logo', await owner.call('PUT', `${path}/logo`, { body: imageForm(TINY_PNG), query: me }))
      conforms('GET /v1/organizations/{organization_id}/roles', await owner.call('GET', `${path}/roles`, { query: me }))
      conforms('GET /v1/organizations/{organization_id}/domains', await owner.call('GET', `${path}/domains`, { query: me }))
      conforms('GET /v1/organizations/{organization_id}/memberships', await owner.call('GET', `${path}/memberships`, { query: { ...me, paginated: 'true' } }))

      const joiner = await fapiClient(emulator)
      const joined = await signUp(joiner, 'org-joiner+clerk_test@example.com')
      const joinerMe = { _clerk_session_id: joined.json.response.created_session_id }
      const joinerId = joined.json.response.created_user_id
      conforms('POST /v1/organizations/{organization_id}/memberships', await owner.call('POST', `${path}/memberships`, { form: { user_id: joinerId, role: 'org:member' }, query: me }))
      conforms('PATCH /v1/organizations/{organization_id}/memberships/{user_id}', await owner.call('PATCH', `${path}/memberships/${joinerId}`, { form: { role: 'org:admin' }, query: me }))
      conforms('GET /v1/me/organization_memberships', await joiner.call('GET', '/v1/me/organization_memberships', { query: { ...joinerMe, paginated: 'true' } }))
      conforms('DELETE /v1/me/organization_memberships/{organization_id}', await joiner.call('DELETE', `/v1/me/organization_memberships/${org.id}`, { query: joinerMe }))

      const invited = conforms('POST /v1/organizations/{organization_id}/invitations', await owner.call('POST', `${path}/invitations`, { form: { email_address: 'org-joiner+clerk_test@example.com', role: 'org:member' }, query: me }))
      conforms('POST /v1/organizations/{organization_id}/invitations/bulk', await owner.call('POST', `${path}/invitations/bulk`, { body: 'email_address=a%40example.com&email_address=b%40example.com&role=org%3Amember', contentType: 'application/x-www-form-urlencoded', query: me }))
      conforms('GET /v1/organizations/{organization_id}/invitations', await owner.call('GET', `${path}/invitations`, { query: { ...me, status: 'pending' } }))
      conforms('GET /v1/me/organization_invitations', await joiner.call('GET', '/v1/me/organization_invitations', { query: { ...joinerMe, status: 'pending' } }))
      conforms('GET /v1/me/organization_suggestions', await joiner.call('GET', '/v1/me/organization_suggestions', { query: joinerMe }))
      conforms('POST /v1/me/organization_invitations/{invitation_id}/accept', await joiner.call('POST', `/v1/me/organization_invitations/${invited.json.response.id}/accept`, { query: joinerMe }))
      const pending = await owner.call('GET', `${path}/invitations`, { query: { ...me, status: 'pending' } })
      conforms('POST /v1/organizations/{organization_id}/invitations/{invitation_id}/revoke', await owner.call('POST', `${path}/invitations/${pending.json.response.data[0].id}/revoke`, { query: me }))
      conforms('DELETE /v1/organizations/{organization_id}/memberships/{user_id}', await owner.call('DELETE', `${path}/memberships/${joinerId}`, { query: me }))
      conforms('DELETE /v1/organizations/{organization_id}', await owner.call('DELETE', path, { query: me }))
    }
    finally {
      Object.assign(emulator.ctx.config.organizations, { enabled: false, personalAccounts: true })
    }
  })

  it('for social sign-in: a provider verification before and after the provider page, transfers, connected accounts', async () => {
    const social = await fapiClient(emulator)
    const form = { strategy: 'oauth_google', redirect_url: 'http://localhost:3000/sign-in/sso-callback' }
    const signIn = conforms('POST /v1/client/sign_ins', await social.call('POST', '/v1/client/sign_ins', { form }))
    await providerTrip(signIn.json.response.first_factor_verification.external_verification_redirect_url, { email: 'schema-social@example.com', firstName: 'Social' })
    conforms('GET /v1/client', await social.call('GET', '/v1/client')) // the transferable sign-in
    const signUp = conforms('POST /v1/client/sign_ups', await social.call('POST', '/v1/client/sign_ups', { form: { transfer: 'true' } }))
    const me = { _clerk_session_id: signUp.json.response.created_session_id }
    const connect = conforms('POST /v1/me/external_accounts', await social.call('POST', '/v1/me/external_accounts', { form: { strategy: 'oauth_github', redirect_url: 'http://localhost:3000/user' }, query: me }))
    conforms('GET /v1/me', await social.call('GET', '/v1/me', { query: me })) // one account verified, one waiting
    conforms('DELETE /v1/me/external_accounts/{external_account_id}', await social.call('DELETE', `/v1/me/external_accounts/${connect.json.response.id}`, { query: me }))
    await social.call('DELETE', '/v1/client/sessions')
    conforms('POST /v1/client/sign_ups', await social.call('POST', '/v1/client/sign_ups', { form: { ...form, strategy: 'oauth_github' } }))
  })

  it('covers every operation the fixture lists', async () => {
    const { operations } = JSON.parse(readFileSync(new URL('./fixtures/fapi-response-schemas.json', import.meta.url), 'utf8')) as { operations: Record<string, unknown> }
    expect([...seen].sort()).toEqual(Object.keys(operations).sort())
  })
})
