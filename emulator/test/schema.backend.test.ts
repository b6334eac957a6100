import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestEmulator, uniqueEmail, type RawResponse, type TestEmulator } from './helpers/emulator.ts'
import { schemaErrors, specVersion } from './helpers/schema.ts'
import { newTotpSecret, totpCode } from '../src/totp.ts'

// Every implemented Backend API operation, answered by the emulator, checked against the schema
// Clerk publishes for it (`additionalProperties: false` included, so extra fields fail too).

let t: TestEmulator
let userId: string
let sessionId: string
beforeAll(async () => {
  t = await startTestEmulator({ mfa: 'on' })
  const res = await t.bapi('POST', '/v1/users', {
    json: { email_address: [uniqueEmail('schema'), uniqueEmail('alt')], password: PASSWORD, first_name: 'Schema', username: 'schema_user', external_id: 'ext-1', public_metadata: { a: { b: 1 } } },
  })
  userId = res.json.id
  sessionId = (await t.bapi('POST', '/v1/sessions', { json: { user_id: userId } })).json.id
})
afterAll(() => t.stop())

function expectSchema(operation: string, res: RawResponse, body: unknown = res.json) {
  expect(res.headers.get('content-type')).toBe('application/json')
  expect(schemaErrors(operation, res.status, body), `${operation} ${res.status}: ${res.text.slice(0, 300)}`).toBeNull()
}

describe(`responses match Clerk's Backend API schema ${specVersion}`, () => {
  it('the check itself rejects extra, missing and mistyped fields', async () => {
    const user = (await t.bapi('GET', `/v1/users/${userId}`)).json
    expect(schemaErrors('GET /users/{user_id}', 200, user)).toBeNull()
    expect(schemaErrors('GET /users/{user_id}', 200, { ...user, surprise: 1 })).toContain('additional')
    const { banned: _banned, ...missing } = user
    expect(schemaErrors('GET /users/{user_id}', 200, missing)).toContain('banned')
    expect(schemaErrors('GET /users/{user_id}', 200, { ...user, created_at: '2024-01-01' })).toContain('created_at')
    expect(schemaErrors('GET /users/{user_id}', 404, { errors: [{ code: 'x' }] })).not.toBeNull()
  })

  it('GET /jwks', async () => {
    expectSchema('GET /jwks', await t.bapi('GET', '/v1/jwks'))
  })

  it('users: create, list, count, get, update, metadata, delete', async () => {
    expectSchema('POST /users', await t.bapi('POST', '/v1/users', { json: { email_address: [uniqueEmail()], password: PASSWORD } }))
    expectSchema('GET /users', await t.bapi('GET', '/v1/users?limit=5'))
    expectSchema('GET /users/count', await t.bapi('GET', '/v1/users/count'))
    expectSchema('GET /users/{user_id}', await t.bapi('GET', `/v1/users/${userId}`))
    expectSchema('PATCH /users/{user_id}', await t.bapi('PATCH', `/v1/users/${userId}`, { json: { last_name: 'Check', locale: 'ko-KR' } }))
    expectSchema('PATCH /users/{user_id}/metadata', await t.bapi('PATCH', `/v1/users/${userId}/metadata`, { json: { public_metadata: { a: { c: 2 } } } }))
    expectSchema('PUT /users/{user_id}/metadata', await t.bapi('PUT', `/v1/users/${userId}/metadata`, { json: { private_metadata: { z: 1 } } }))
    expectSchema('POST /users/{user_id}/verify_password', await t.bapi('POST', `/v1/users/${userId}/verify_password`, { json: { password: PASSWORD } }))
    expectSchema('POST /users/{user_id}/verify_password', await t.bapi('POST', `/v1/users/${userId}/verify_password`, { json: { password: 'wrong-password' } }))
    expectSchema('POST /users/{user_id}/ban', await t.bapi('POST', `/v1/users/${userId}/ban`))
    expectSchema('POST /users/{user_id}/unban', await t.bapi('POST', `/v1/users/${userId}/unban`))
    const doomed = (await t.bapi('POST', '/v1/users', { json: { email_address: [uniqueEmail()], skip_password_requirement: true } })).json.id
    expectSchema('DELETE /users/{user_id}', await t.bapi('DELETE', `/v1/users/${doomed}`))
  })

  it('a user signed up through the Frontend API (unverified email, sign-in times) still matches', async () => {
    const user = t.emulator.store.data.users[userId]!
    user.email_addresses[1]!.verified = false
    user.last_sign_in_at = Date.now()
    user.last_active_at = Date.now()
    expectSchema('GET /users/{user_id}', await t.bapi('GET', `/v1/users/${userId}`))
  })

  it('a user with social accounts (one verified, its address from the provider; one waiting), and deleting one', async () => {
    const user = t.emulator.store.data.users[userId]!
    const now = Date.now()
    t.emulator.store.data.oauthAccounts.oaa_schema = { id: 'oaa_schema', provider: 'oauth_github', subject: '583231', email_address: 'octo@example.com', first_name: 'Octo', last_name: '', username: 'octo', created_at: now }
    user.email_addresses.push({ id: 'idn_from_github', email_address: 'octo@example.com', verified: true, created_at: now, updated_at: now, verification_strategy: 'from_oauth_github', linked_to: [{ type: 'oauth_github', id: 'idn_github' }] })
    user.external_accounts = [
      { id: 'eac_github', identification_id: 'idn_github', provider: 'oauth_github', account_id: 'oaa_schema', status: 'verified', error: null, redirect_url: null, expire_at: now, created_at: now, updated_at: now },
      { id: 'eac_google', identification_id: 'idn_google', provider: 'oauth_google', account_id: null, status: 'unverified', error: null, redirect_url: 'http://127.0.0.1:4010/oauth/google/authorize?state=x', expire_at: now + 600_000, created_at: now, updated_at: now },
    ]
    expectSchema('GET /users/{user_id}', await t.bapi('GET', `/v1/users/${userId}`))
    expectSchema('DELETE /users/{user_id}/external_accounts/{external_account_id}', await t.bapi('DELETE', `/v1/users/${userId}/external_accounts/eac_google`))
    expectSchema('DELETE /users/{user_id}/external_accounts/{external_account_id}', await t.bapi('DELETE', `/v1/users/${userId}/external_accounts/eac_google`))
  })

  it('sessions: create, list, get, tokens, revoke', async () => {
    expectSchema('POST /sessions', await t.bapi('POST', '/v1/sessions', { json: { user_id: userId } }))
    expectSchema('GET /sessions', await t.bapi('GET', `/v1/sessions?user_id=${userId}`))
    const paginated = await t.bapi('GET', `/v1/sessions?user_id=${userId}&paginated=true`)
    expect(paginated.json.total_count).toBe(paginated.json.data.length)
    expectSchema('GET /sessions', paginated, paginated.json.data)
    expectSchema('GET /sessions/{session_id}', await t.bapi('GET', `/v1/sessions/${sessionId}`))
    expectSchema('POST /sessions/{session_id}/tokens', await t.bapi('POST', `/v1/sessions/${sessionId}/tokens`))
    expectSchema('POST /sessions/{session_id}/revoke', await t.bapi('POST', `/v1/sessions/${sessionId}/revoke`))
  })

  it('sign-in tokens and testing tokens', async () => {
    const created = await t.bapi('POST', '/v1/sign_in_tokens', { json: { user_id: userId, expires_in_seconds: 60 } })
    expectSchema('POST /sign_in_tokens', created)
    expectSchema('POST /sign_in_tokens/{sign_in_token_id}/revoke', await t.bapi('POST', `/v1/sign_in_tokens/${created.json.id}/revoke`))
    expectSchema('POST /testing_tokens', await t.bapi('POST', '/v1/testing_tokens'))
  })

  it('second factors: set at creation, checked, turned off', async () => {
    const secret = newTotpSecret()
    const created = await t.bapi('POST', '/v1/users', { json: { email_address: [uniqueEmail('mfa')], password: PASSWORD, totp_secret: secret, backup_codes: ['one-code', 'two-code'] } })
    expectSchema('POST /users', created)
    const id = created.json.id
    expectSchema('POST /users/{user_id}/verify_totp', await t.bapi('POST', `/v1/users/${id}/verify_totp`, { json: { code: totpCode(secret) } }))
    expectSchema('POST /users/{user_id}/verify_totp', await t.bapi('POST', `/v1/users/${id}/verify_totp`, { json: { code: 'one-code' } }))
    expectSchema('POST /users/{user_id}/verify_totp', await t.bapi('POST', `/v1/users/${id}/verify_totp`, { json: { code: 'one-code' } }))
    expectSchema('DELETE /users/{user_id}/backup_code', await t.bapi('DELETE', `/v1/users/${id}/backup_code`))
    expectSchema('DELETE /users/{user_id}/totp', await t.bapi('DELETE', `/v1/users/${id}/totp`))
    expectSchema('POST /users/{user_id}/verify_totp', await t.bapi('POST', `/v1/users/${id}/verify_totp`, { json: { code: '123456' } }))
    expectSchema('DELETE /users/{user_id}/mfa', await t.bapi('DELETE', `/v1/users/${id}/mfa`))
    expectSchema('DELETE /users/{user_id}/mfa', await t.bapi('DELETE', '/v1/users/user_missing/mfa'))
  })

  it('error responses', async () => {
    expectSchema('GET /users/{user_id}', await t.bapi('GET', `/v1/users/${userId}`, { key: 'sk_test_wrong' }))
    expectSchema('GET /users/{user_id}', await t.bapi('GET', '/v1/users/user_missing'))
    expectSchema('PATCH /users/{user_id}/metadata', await t.bapi('PATCH', `/v1/users/${userId}/metadata`, { json: { public_metadata: { x: 'x'.repeat(9000) } } }))
    expectSchema('POST /users', await t.bapi('POST', '/v1/users', { body: '{', headers: { 'content-type': 'application/json' } }))
    expectSchema('GET /sessions/{session_id}', await t.bapi('GET', '/v1/sessions/sess_missing'))
  })
})
