import { createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestEmulator, uniqueEmail, type RawResponse, type TestEmulator } from './helpers/emulator.ts'

let t: TestEmulator
let userId: string
let sessionId: string
beforeAll(async () => {
  t = await startTestEmulator({ mfa: 'on' })
  userId = (await t.clerk.users.createUser({ emailAddress: [uniqueEmail('err')], password: PASSWORD })).id
  sessionId = (await t.clerk.sessions.createSession({ userId })).id
})
afterAll(() => t.stop())

/** Clerk's error envelope with exact `application/json`, the only type @clerk/backend parses. */
function expectClerkError(res: RawResponse, status: number, code?: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/json')
  expect(res.json.errors).toBeInstanceOf(Array)
  const [first] = res.json.errors
  expect(typeof first.code).toBe('string')
  expect(typeof first.message).toBe('string')
  expect(typeof first.long_message).toBe('string')
  expect(first.meta).toBeTypeOf('object')
  if (code) expect(first.code).toBe(code)
}

describe('authentication', () => {
  const routes: [string, string][] = [['GET', '/v1/jwks'], ['GET', '/v1/users'], ['PATCH', '/v1/users/x/metadata'], ['GET', '/v1/no/such/route'], ['POST', '/v1/testing_tokens']]

  it.each(routes)('%s %s without a key, with a wrong key, or a non-Bearer header is 401 clerk_key_invalid', async (method, path) => {
    expectClerkError(await t.bapi(method, path, { key: null }), 401, 'clerk_key_invalid')
    expectClerkError(await t.bapi(method, path, { key: 'sk_test_wrong' }), 401, 'clerk_key_invalid')
    expectClerkError(await t.bapi(method, path, { key: null, headers: { authorization: `Basic ${t.secretKey}` } }), 401, 'clerk_key_invalid')
  })

  it('surfaces as a ClerkAPIResponseError in @clerk/backend', async () => {
    const wrong = createClerkClient({ secretKey: 'sk_test_not_the_key', apiUrl: t.apiUrl })
    await expect(wrong.users.getUser(userId)).rejects.toMatchObject({ status: 401, errors: [{ code: 'clerk_key_invalid' }] })
  })
})

describe('bad input gets a Clerk-shaped 4xx', () => {
  it('malformed JSON is 400', async () => {
    expectClerkError(await t.bapi('POST', '/v1/users', { body: '{"email_address": [', headers: { 'content-type': 'application/json' } }), 400)
  })

  it('a JSON body that is not an object is 422', async () => {
    expectClerkError(await t.bapi('PATCH', `/v1/users/${userId}/metadata`, { json: ['a'] }), 422)
    expectClerkError(await t.bapi('POST', '/v1/users', { json: 'string' }), 422)
  })

  it('an oversized body is 413, declared or not', async () => {
    const big = JSON.stringify({ public_metadata: { x: 'y'.repeat(200_000) } })
    expectClerkError(await t.bapi('PATCH', `/v1/users/${userId}/metadata`, { body: big, headers: { 'content-type': 'application/json' } }), 413)
    // Chunked, so no content-length announces it.
    const res = await fetch(`${t.apiUrl}/v1/users/${userId}/metadata`, {
      method: 'PATCH',
      headers: { 'authorization': `Bearer ${t.secretKey}`, 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it('unknown routes are 404, unknown ids are 404', async () => {
    expectClerkError(await t.bapi('GET', '/v1/invitations'), 404, 'resource_not_found')
    expectClerkError(await t.bapi('GET', '/v2/users'), 404, 'resource_not_found')
    expectClerkError(await t.bapi('GET', '/v1/users/user_nope'), 404, 'resource_not_found')
    expectClerkError(await t.bapi('DELETE', '/v1/users/user_nope'), 404, 'resource_not_found')
    expectClerkError(await t.bapi('POST', '/v1/sessions/sess_nope/revoke'), 404, 'resource_not_found')
    expectClerkError(await t.bapi('POST', '/v1/sign_in_tokens/sit_nope/revoke'), 404, 'resource_not_found')
  })

  it('wrong methods are 405 with an Allow header', async () => {
    const res = await t.bapi('POST', `/v1/users/${userId}`)
    expectClerkError(res, 405, 'method_not_allowed')
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE')
    expectClerkError(await t.bapi('DELETE', '/v1/jwks'), 405)
    expectClerkError(await t.bapi('GET', '/v1/testing_tokens'), 405)
  })

  it('wrong field types are 422 naming the field', async () => {
    const res = await t.bapi('POST', '/v1/users', { json: { email_address: [uniqueEmail()], password: PASSWORD, first_name: 42 } })
    expectClerkError(res, 422, 'form_param_format_invalid')
    expect(res.json.errors[0].meta.param_name).toBe('first_name')
  })
})

describe('no input makes the Backend API answer 5xx', () => {
  const bodies: (string | undefined)[] = [
    undefined, '', '{', '[]', 'null', '"text"', '42', '{"email_address": 5}', '{"email_address": ["a@b.co"], "password": null}',
    '{"public_metadata": "x"}', '{"public_metadata": {"a": {"b": null}}, "private_metadata": null}', '{"user_id": {}}',
    '{"expires_in_seconds": -5}', '{"expires_in_seconds": "soon"}', '{"password": ["a"], "username": {}}', '\u0000\u0001',
    '{"code": 5}', '{"code": ""}', '{"totp_secret": 5, "backup_codes": [1]}', '{"totp_secret": "", "backup_codes": []}',
  ]
  const paths = ['/v1/jwks', '/v1/users', '/v1/users/count', '/v1/users/:user', '/v1/users/:user/metadata', '/v1/sessions',
    '/v1/sessions/:session', '/v1/sessions/:session/revoke', '/v1/sessions/:session/tokens', '/v1/sessions/:session/tokens/tpl',
    '/v1/users/:user/verify_totp', '/v1/users/:user/mfa', '/v1/users/:user/totp', '/v1/users/:user/backup_code',
    '/v1/sign_in_tokens', '/v1/sign_in_tokens/x/revoke', '/v1/testing_tokens', '/v1/clients/handshake_payload?nonce=%00',
    '/v1/users?limit=abc&offset=1e9&order_by=%2B&email_address=%ZZ', '/v1/users/%2e%2e%2fjwks', '/v1//users']

  it('sweeps routes x methods x bodies: every answer is < 500 and JSON', async () => {
    let count = 0
    for (const raw of paths) {
      const path = raw.replace(':user', userId).replace(':session', sessionId)
      for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
        for (const body of method === 'GET' ? [undefined] : bodies) {
          // Deleting the fixture user would make later rows 404 for the wrong reason.
          if (method === 'DELETE' && path.endsWith(userId)) continue
          const res = await t.bapi(method, path, { body, headers: body === undefined ? {} : { 'content-type': 'application/json' } })
          expect(res.status, `${method} ${path} ${body}: ${res.text}`).toBeLessThan(500)
          expect(res.headers.get('content-type'), `${method} ${path}`).toBe('application/json')
          count++
        }
      }
    }
    expect(count).toBeGreaterThan(500)
  })
})
