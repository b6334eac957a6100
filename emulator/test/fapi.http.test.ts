import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClerkClient } from '@clerk/backend'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { APP_ORIGIN, fapiClient, fapiRequest, type FapiTestClient, type Json } from './helpers/fapi.ts'

// The Frontend API over plain HTTP, as clerk-js calls it: CORS, the dev-browser token, Clerk's
// error envelope for bad input (never a 5xx), email-code sign-up, tickets, tokens, /v1/me, and the
// handshake as @clerk/backend's authenticateRequest drives it.

let emulator: RunningEmulator
let fapiBase: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, memory: true, quiet: true })
  fapiBase = emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL!
})

afterAll(async () => {
  await emulator?.stop()
})

let counter = 0
function uniqueEmail(): string {
  return `user${++counter}-${Date.now()}@example.com`
}

/** Signs a new user up through the Frontend API and returns the client and the session id. */
async function signUp(email = uniqueEmail(), password = 'a-long-password'): Promise<{ client: FapiTestClient, sessionId: string, userId: string }> {
  const client = await fapiClient(emulator)
  const res = await client.signUp({ email_address: email, password })
  expect(res.status).toBe(200)
  expect(res.json.response.status).toBe('complete')
  return { client, sessionId: res.json.response.created_session_id, userId: res.json.response.created_user_id }
}

describe('CORS for a credentialed cross-origin caller', () => {
  it('answers a preflight with the exact origin and credentials allowed', async () => {
    const res = await fapiRequest(`${fapiBase}/v1/client/sign_ins`, {
      method: 'OPTIONS',
      headers: { 'origin': APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type')
  })

  it('echoes the origin on normal answers and refuses a non-local one', async () => {
    const client = await fapiClient(emulator)
    const ok = await client.call('GET', '/v1/client')
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(ok.headers.get('vary')).toContain('Origin')

    const evil = await client.call('GET', '/v1/client', { origin: 'https://evil.example' })
    expect(evil.status).toBe(403)
    expect(evil.json.errors[0].code).toBe('origin_invalid')
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('the development browser', () => {
  it('identifies the client by __clerk_db_jwt, from the query or a cookie', async () => {
    const client = await fapiClient(emulator)
    const first = await client.call('GET', '/v1/client')
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('application/json')
    expect(first.json.response).toMatchObject({ object: 'client', sessions: [], sign_in: null, sign_up: null, last_active_session_id: null })
    const again = await client.call('GET', '/v1/client')
    expect(again.json.response.id).toBe(first.json.response.id)

    const byCookie = await fapiRequest(`${fapiBase}/v1/client`, { headers: { origin: APP_ORIGIN, cookie: `__clerk_db_jwt=${client.devBrowser}` } })
    expect(byCookie.json.response.id).toBe(first.json.response.id)
  })

  it('answers a missing or unknown token with 401 dev_browser_unauthenticated', async () => {
    const client = await fapiClient(emulator)
    for (const res of [
      await client.call('GET', '/v1/client', { anonymous: true }),
      await client.call('GET', '/v1/client', { anonymous: true, query: { __clerk_db_jwt: 'dvb_unknown' } }),
    ]) {
      expect(res.status).toBe(401)
      expect(res.json.errors[0].code).toBe('dev_browser_unauthenticated')
    }
  })

  it('serves the environment without a token, as a development instance with email + password', async () => {
    const res = await fapiRequest(`${fapiBase}/v1/environment`, { headers: { origin: APP_ORIGIN } })
    expect(res.status).toBe(200)
    expect(res.json.display_config.instance_environment_type).toBe('development')
    expect(res.json.display_config.captcha_public_key).toBeNull()
    expect(res.json.user_settings.attributes.password.required).toBe(true)
  })
})

describe('bad input', () => {
  it('gets Clerk-shaped 4xx answers and leaves the state as it was', async () => {
    const taken = uniqueEmail()
    const { client } = await signUp(taken)
    const users = Object.keys(emulator.store.data.users).length
    const fresh = await fapiClient(emulator)
    const cases: Array<[string, Promise<{ status: number, json: Json }>, number, string]> = [
      ['malformed JSON', fresh.call('POST', '/v1/client/sign_ups', { body: '{"email_address":', contentType: 'application/json' }), 400, 'malformed_request_body'],
      ['unknown sign-in', fresh.call('GET', '/v1/client/sign_ins/sia_nope'), 404, 'resource_not_found'],
      ['unknown session token', fresh.call('POST', '/v1/client/sessions/sess_nope/tokens'), 404, 'resource_not_found'],
      ['bogus _method', fresh.call('POST', '/v1/client', { query: { _method: 'BOGUS' } }), 405, 'method_not_allowed'],
      ['wrong verb', fresh.call('DELETE', '/v1/client/sign_ins'), 405, 'method_not_allowed'],
      ['invalid email', fresh.call('POST', '/v1/client/sign_ups', { form: { email_address: 'not-an-email', password: 'a-long-password' } }), 422, 'form_param_format_invalid'],
      ['short password', fresh.call('POST', '/v1/client/sign_ups', { form: { email_address: uniqueEmail(), password: 'short' } }), 422, 'form_password_length_too_short'],
      ['taken email', fresh.call('POST', '/v1/client/sign_ups', { form: { email_address: taken.toUpperCase(), password: 'a-long-password' } }), 422, 'form_identifier_exists'],
      ['bad metadata', fresh.call('POST', '/v1/client/sign_ups', { form: { email_address: uniqueEmail(), unsafe_metadata: '[1,2' } }), 422, 'form_param_value_invalid'],
      ['unknown identifier', fresh.call('POST', '/v1/client/sign_ins', { form: { identifier: 'nobody@example.com' } }), 422, 'form_identifier_not_found'],
      ['already signed in', client.call('POST', '/v1/client/sign_ins', { form: { identifier: taken } }), 400, 'session_exists'],
      ['signed-out /v1/me', fresh.call('GET', '/v1/me'), 401, 'signed_out'],
      ['oversized body', fresh.call('POST', '/v1/client/sign_ups', { form: { email_address: 'x'.repeat(70_000) } }), 413, 'request_body_too_large'],
    ]
    for (const [name, pending, status, code] of cases) {
      const res = await pending
      expect({ name, status: res.status, code: res.json?.errors?.[0]?.code }).toEqual({ name, status, code })
      expect(res.json.errors[0]).toEqual({ code, message: expect.any(String), long_message: expect.any(String), meta: expect.any(Object) })
    }
    expect(Object.keys(emulator.store.data.users)).toHaveLength(users)
  })

  it('never answers garbage with a 5xx', async () => {
    const client = await fapiClient(emulator)
    const paths = ['/v1/client', '/v1/client/sign_ups', '/v1/client/sign_ins', '/v1/client/sign_ins/x/attempt_first_factor',
      '/v1/client/sign_ups/x/attempt_verification', '/v1/client/sessions/x/touch', '/v1/client/sessions/x/tokens/t',
      '/v1/me', '/v1/me/change_password', '/v1/client/handshake', '/v1/environment', '/v1/dev_browser']
    const bodies: Array<{ body: string, contentType: string }> = [
      { body: '\u0000\u00ff{', contentType: 'application/json' },
      { body: '[]', contentType: 'application/json' },
      { body: 'identifier=a&identifier=b&password[]=x&strategy=password', contentType: 'application/x-www-form-urlencoded' },
      { body: '%%%=%%%', contentType: 'application/x-www-form-urlencoded' },
      { body: 'unsafe_metadata=null&first_name=', contentType: 'text/plain' },
    ]
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'PUT']) {
        for (const body of method === 'GET' ? [undefined] : bodies) {
          const res = await client.call(method, path, body ?? {})
          expect({ path, method, status: res.status < 500 }).toEqual({ path, method, status: true })
        }
      }
    }
  })
})

describe('sign-up with an emailed code', () => {
  let verifying: RunningEmulator
  beforeAll(async () => {
    verifying = await startEmulator({ port: 0, memory: true, quiet: true, emailVerification: true })
  })
  afterAll(async () => {
    await verifying?.stop()
  })

  it('completes only after the code from the outbox is entered', async () => {
    const client = await fapiClient(verifying)
    const email = uniqueEmail()
    const created = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'a-long-password' } })
    expect(created.json.response).toMatchObject({ status: 'missing_requirements', missing_fields: [], unverified_fields: ['email_address'] })
    expect(created.json.response.verifications.email_address).toBeNull() // no code sent yet
    const id = created.json.response.id

    const prepared = await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: { strategy: 'email_code' } })
    expect(prepared.json.response.verifications.email_address).toMatchObject({ strategy: 'email_code', next_action: 'needs_attempt' })
    const outbox = await fapiRequest(`${verifying.env.NUXT_PUBLIC_CLERK_PROXY_URL}/__emulator/emails?to=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS })
    expect(outbox.json.data).toHaveLength(1)
    const code = outbox.json.data[0].code as string
    expect(code).toMatch(/^\d{6}$/)

    const wrong = await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { strategy: 'email_code', code: code === '000000' ? '111111' : '000000' } })
    expect(wrong.status).toBe(422)
    expect(wrong.json.errors[0].code).toBe('form_code_incorrect')
    expect(Object.keys(verifying.store.data.users)).toHaveLength(0)

    const right = await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { strategy: 'email_code', code } })
    expect(right.json.response).toMatchObject({ status: 'complete', unverified_fields: [] })
    const user = verifying.store.data.users[right.json.response.created_user_id]!
    expect(user.email_addresses[0]).toMatchObject({ email_address: email, verified: true })
    expect(right.json.client.sessions.map((s: { id: string }) => s.id)).toEqual([right.json.response.created_session_id])
  })

  it('verifies by emailed code only: another strategy is a 422, none on the attempt means the code', async () => {
    const client = await fapiClient(verifying)
    const email = uniqueEmail()
    const created = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'a-long-password' } })
    const id = created.json.response.id
    for (const step of ['prepare_verification', 'attempt_verification']) {
      const refused = await client.call('POST', `/v1/client/sign_ups/${id}/${step}`, { form: { strategy: 'phone_code', code: '424242' } })
      expect(refused.status).toBe(422)
      expect(refused.json.errors[0]).toMatchObject({ code: 'form_param_value_invalid', meta: { param_name: 'strategy' } })
    }
    const missing = await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: {} })
    expect(missing.status).toBe(422)
    const outbox = () => fapiRequest(`${verifying.env.NUXT_PUBLIC_CLERK_PROXY_URL}/__emulator/emails?to=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS })
    expect((await outbox()).json.data).toHaveLength(0) // a refused prepare sends nothing

    await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: { strategy: 'email_code' } })
    const sent = await outbox()
    const done = await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { code: sent.json.data[0].code } })
    expect(done.json.response).toMatchObject({ status: 'complete' })
  })
})

describe('sessions, tokens and the signed-in user', () => {
  it('mints tokens only for the client\'s active sessions, and template tokens by name', async () => {
    const { client, sessionId, userId } = await signUp()
    const token = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { form: { organization_id: '' } })
    expect(token.status).toBe(200)
    expect(Object.keys(token.json).sort()).toEqual(['jwt', 'object'])
    expect(decodeJwt(token.json.jwt)).toMatchObject({ sub: userId, sid: sessionId, azp: APP_ORIGIN })

    const stranger = await fapiClient(emulator)
    expect((await stranger.call('POST', `/v1/client/sessions/${sessionId}/tokens`)).status).toBe(404)

    const now = Date.now()
    emulator.store.data.jwtTemplates.tpl_test = { id: 'tpl_test', name: 'convex', claims: { aud: 'convex', email: '{{user.primary_email_address}}' }, lifetime: 120, allowed_clock_skew: 5, created_at: now, updated_at: now }
    const templated = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens/convex`)
    expect(decodeProtectedHeader(templated.json.jwt).cat).toBe('cl_B7d4PD222AAA')
    const claims = decodeJwt(templated.json.jwt)
    expect(claims).toMatchObject({ aud: 'convex', sub: userId, azp: APP_ORIGIN })
    expect(claims.exp! - claims.iat!).toBe(120)
    expect((await client.call('POST', `/v1/client/sessions/${sessionId}/tokens/nope`)).status).toBe(404)

    const ended = await client.call('POST', `/v1/client/sessions/${sessionId}/end`)
    expect(ended.json.response.status).toBe('ended')
    expect(ended.json.client.sessions).toEqual([])
    const afterEnd = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens`)
    expect(afterEnd.status).toBe(401)
    expect(afterEnd.json.errors[0].code).toBe('signed_out')
  })

  it('updates names through /v1/me and the next token shows them', async () => {
    const { client, sessionId } = await signUp()
    const patched = await client.call('PATCH', '/v1/me', { form: { first_name: 'Ada', last_name: 'Lovelace' }, query: { _clerk_session_id: sessionId } })
    expect(patched.json.response).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' })
    const token = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens`)
    expect(decodeJwt(token.json.jwt).firstName).toBe('Ada')

    const active = await client.call('GET', '/v1/me/sessions/active', { query: { _clerk_session_id: sessionId } })
    expect(active.json.map((s: { id: string }) => s.id)).toEqual([sessionId])
  })

  it('adds an email address, verifies it by code, makes it primary and removes the old one', async () => {
    const first = uniqueEmail()
    const { client, sessionId } = await signUp(first)
    const query = { _clerk_session_id: sessionId }
    const second = uniqueEmail()
    const added = await client.call('POST', '/v1/me/email_addresses', { form: { email_address: second }, query })
    expect(added.json.response).toMatchObject({ email_address: second, verification: null })
    const id = added.json.response.id
    const other = await fapiClient(emulator)
    const early = await other.call('POST', '/v1/client/sign_ins', { form: { identifier: second } })
    expect(early.json.errors[0].code).toBe('form_identifier_not_found') // unverified: not a way in yet

    await client.call('POST', `/v1/me/email_addresses/${id}/prepare_verification`, { form: { strategy: 'email_code' }, query })
    const code = (await fapiRequest(`${fapiBase}/__emulator/emails?to=${second}`, { headers: CONTROL_HEADERS })).json.data[0].code as string
    const verified = await client.call('POST', `/v1/me/email_addresses/${id}/attempt_verification`, { form: { code }, query })
    expect(verified.json.response.verification.status).toBe('verified')

    const primary = await client.call('PATCH', '/v1/me', { form: { primary_email_address_id: id }, query })
    expect(primary.json.response.primary_email_address_id).toBe(id)
    const oldId = primary.json.response.email_addresses.find((e: { email_address: string }) => e.email_address === first).id
    const removed = await client.call('DELETE', `/v1/me/email_addresses/${oldId}`, { query })
    expect(removed.json.response).toEqual({ object: 'email_address', id: oldId, deleted: true })
    expect(removed.json.client.sessions[0].user.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual([second])
    const primaryGone = await client.call('DELETE', `/v1/me/email_addresses/${id}`, { query })
    expect(primaryGone.status).toBe(422)
  })

  it('changes the password only with the current one', async () => {
    const email = uniqueEmail()
    const { client, sessionId } = await signUp(email, 'first-password')
    const query = { _clerk_session_id: sessionId }
    const wrong = await client.call('POST', '/v1/me/change_password', { form: { current_password: 'nope-nope-nope', new_password: 'second-password' }, query })
    expect(wrong.status).toBe(422)
    expect(wrong.json.errors[0]).toMatchObject({ code: 'form_password_incorrect', meta: { param_name: 'current_password' } })
    const ok = await client.call('POST', '/v1/me/change_password', { form: { current_password: 'first-password', new_password: 'second-password' }, query })
    expect(ok.status).toBe(200)

    const other = await fapiClient(emulator)
    const signIn = await other.call('POST', '/v1/client/sign_ins', { form: { identifier: email } })
    const old = await other.call('POST', `/v1/client/sign_ins/${signIn.json.response.id}/attempt_first_factor`, { form: { strategy: 'password', password: 'first-password' } })
    expect(old.json.errors[0].code).toBe('form_password_incorrect')
    const fresh = await other.call('POST', `/v1/client/sign_ins/${signIn.json.response.id}/attempt_first_factor`, { form: { strategy: 'password', password: 'second-password' } })
    expect(fresh.json.response.status).toBe('complete')
  })

  it('signs out with DELETE /v1/client/sessions (keeping the client) and DELETE /v1/client', async () => {
    const { client, sessionId } = await signUp()
    const before = await client.call('GET', '/v1/client')
    const out = await client.call('DELETE', '/v1/client/sessions')
    expect(out.status).toBe(200)
    expect(out.json.response).toMatchObject({ id: before.json.response.id, sessions: [], last_active_session_id: null })
    expect(emulator.store.data.sessions[sessionId]!.status).toBe('removed')

    const again = await signUp()
    const destroyed = await again.client.call('DELETE', '/v1/client')
    expect(destroyed.json.response.sessions).toEqual([])
    expect(emulator.store.data.sessions[again.sessionId]!.status).toBe('ended')
  })
})

describe('emails in the recipient\'s language', () => {
  let verifying: RunningEmulator
  beforeAll(async () => {
    verifying = await startEmulator({ port: 0, memory: true, quiet: true, emailVerification: true })
  })
  afterAll(async () => {
    await verifying?.stop()
  })
  const lastEmail = async (email: string) => (await fapiRequest(`${verifying.env.NUXT_PUBLIC_CLERK_PROXY_URL}/__emulator/emails?to=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS })).json.data[0]

  it('writes the sign-up code in the locale clerk-js sends, and the user keeps it for the sign-in codes', async () => {
    const client = await fapiClient(verifying)
    const email = uniqueEmail()
    const created = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'a-long-password', locale: 'ko-KR' } })
    const id = created.json.response.id
    await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: { strategy: 'email_code' } })
    const sent = await lastEmail(email)
    expect(sent).toMatchObject({ subject: '이메일 주소를 인증해 주세요', body: `인증 코드는 ${sent.code}예요.` })
    const done = await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { code: sent.code } })
    expect(verifying.store.data.users[done.json.response.created_user_id]!.locale).toBe('ko-KR')

    await client.call('DELETE', '/v1/client/sessions')
    const signIn = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email } })
    await client.call('POST', `/v1/client/sign_ins/${signIn.json.response.id}/prepare_first_factor`, { form: { strategy: 'email_code' } })
    expect((await lastEmail(email)).subject).toBe('로그인 코드')
  })

  it('writes English for another language or none, and refuses a locale that is not a language tag', async () => {
    for (const locale of ['en-US', 'fr-FR', undefined]) {
      const client = await fapiClient(verifying)
      const email = uniqueEmail()
      const created = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'a-long-password', ...(locale && { locale }) } })
      await client.call('POST', `/v1/client/sign_ups/${created.json.response.id}/prepare_verification`, { form: { strategy: 'email_code' } })
      expect((await lastEmail(email)).subject, locale).toBe('Verify your email address')
    }
    const client = await fapiClient(verifying)
    const refused = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: uniqueEmail(), password: 'a-long-password', locale: 'ko-KR\r\nX: 1' } })
    expect(refused.status).toBe(422)
    expect(refused.json.errors[0]).toMatchObject({ meta: { param_name: 'locale' } })
  })
})

describe('password reset by emailed code', () => {
  it('lets a user who forgot the password set a new one and signs them in', async () => {
    const email = uniqueEmail()
    const { client: owner } = await signUp(email, 'forgotten-password')
    await owner.call('DELETE', '/v1/client/sessions')

    const client = await fapiClient(emulator)
    const created = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email } })
    const factor = created.json.response.supported_first_factors.find((f: { strategy: string }) => f.strategy === 'reset_password_email_code')
    expect(factor).toMatchObject({ safe_identifier: email })
    const id = created.json.response.id
    await client.call('POST', `/v1/client/sign_ins/${id}/prepare_first_factor`, { form: { strategy: factor.strategy, email_address_id: factor.email_address_id } })
    const code = (await fapiRequest(`${fapiBase}/__emulator/emails?to=${email}`, { headers: CONTROL_HEADERS })).json.data[0].code as string

    const early = await client.call('POST', `/v1/client/sign_ins/${id}/reset_password`, { form: { password: 'brand-new-password' } })
    expect(early.status).toBe(400)
    const verified = await client.call('POST', `/v1/client/sign_ins/${id}/attempt_first_factor`, { form: { strategy: factor.strategy, code } })
    expect(verified.json.response.status).toBe('needs_new_password')
    const reset = await client.call('POST', `/v1/client/sign_ins/${id}/reset_password`, { form: { password: 'brand-new-password', sign_out_of_other_sessions: 'true' } })
    expect(reset.json.response.status).toBe('complete')
    expect(reset.json.client.sessions).toHaveLength(1)
  })
})

describe('persistence', () => {
  it('keeps the browser\'s client and session across a restart on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fapi-persist-'))
    try {
      const first = await startEmulator({ port: 0, dataDir, quiet: true })
      const client = await fapiClient(first)
      const created = await client.signUp({ email_address: uniqueEmail(), password: 'a-long-password' })
      const sessionId = created.json.response.created_session_id
      await first.stop()

      const second = await startEmulator({ port: 0, dataDir, quiet: true })
      try {
        const base = second.env.NUXT_PUBLIC_CLERK_PROXY_URL
        const res = await fapiRequest(`${base}/v1/client?__clerk_db_jwt=${client.devBrowser}`, { headers: { origin: APP_ORIGIN } })
        expect(res.json.response.sessions.map((s: { id: string }) => s.id)).toEqual([sessionId])
        const token = await fapiRequest(`${base}/v1/client/sessions/${sessionId}/tokens?__clerk_db_jwt=${client.devBrowser}`, { method: 'POST', headers: { origin: APP_ORIGIN } })
        expect(decodeJwt(token.json.jwt).sid).toBe(sessionId)
      }
      finally {
        await second.stop()
      }
    }
    finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})

describe('the clerk-js and @clerk/ui bundles', () => {
  it('are served offline at CDN-shaped paths, under /fapi too, and never outside dist/', async () => {
    const root = emulator.url
    for (const path of ['/npm/@clerk/clerk-js@6/dist/clerk.browser.js', '/fapi/npm/@clerk/ui@1/dist/ui.browser.js']) {
      const res = await fetch(`${root}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect((await res.text()).length).toBeGreaterThan(100_000)
    }
    expect((await fetch(emulator.env.NUXT_PUBLIC_CLERK_JS_URL!)).status).toBe(200)
    expect((await fetch(emulator.env.NUXT_PUBLIC_CLERK_UI_URL!)).status).toBe(200)
    expect((await fetch(`${root}/npm/@clerk/ui@1/dist/%2e%2e/package.json`)).status).toBe(404)
  })
})

describe('ticket sign-in', () => {
  it('redeems a Backend API sign-in token once, with a testing token in the query', async () => {
    const { userId, client: owner } = await signUp()
    await owner.call('DELETE', '/v1/client/sessions')
    const bapi = createClerkClient({ secretKey: emulator.keys.secretKey, apiUrl: emulator.env.NUXT_CLERK_API_URL, telemetry: { disabled: true } })
    const { token } = await bapi.signInTokens.createSignInToken({ userId, expiresInSeconds: 60 })

    const client = await fapiClient(emulator)
    const query = { __clerk_testing_token: 'testing-token-value' }
    const first = await client.call('POST', '/v1/client/sign_ins', { form: { strategy: 'ticket', ticket: token }, query })
    expect(first.status).toBe(200)
    expect(first.json.response).toMatchObject({ status: 'complete' })
    expect(first.json.client.sessions[0].user.id).toBe(userId)

    const other = await fapiClient(emulator)
    const again = await other.call('POST', '/v1/client/sign_ins', { form: { strategy: 'ticket', ticket: token } })
    expect(again.status).toBe(422)
    expect(again.json.errors[0].code).toBe('ticket_invalid')
  })
})

describe('the handshake, driven by @clerk/backend', () => {
  const APP = 'http://localhost:3000'

  function backend() {
    return createClerkClient({
      secretKey: emulator.keys.secretKey,
      publishableKey: emulator.keys.publishableKey,
      apiUrl: emulator.env.NUXT_CLERK_API_URL,
      jwtKey: emulator.keys.publicKeyPem,
      telemetry: { disabled: true },
    })
  }

  function documentRequest(url: string, cookie = ''): Request {
    return new Request(url, { headers: { 'sec-fetch-dest': 'document', 'accept': 'text/html', ...(cookie ? { cookie } : {}) } })
  }

  /** One round: the app's redirect to FAPI, FAPI's 307 back, and the app resolving it. */
  async function roundTrip(cookie: string, format: 'nonce' | 'token' = 'nonce') {
    const options = { proxyUrl: fapiBase, publishableKey: emulator.keys.publishableKey }
    const first = await backend().authenticateRequest(documentRequest(`${APP}/dashboard`, cookie), options)
    expect(first.status).toBe('handshake')
    const location = new URL(first.headers.get('location')!)
    expect(location.origin + location.pathname).toBe(`${fapiBase}/v1/client/handshake`)
    if (format === 'token') location.searchParams.delete('format')

    const fapi = await fapiRequest(location.href, {})
    expect(fapi.status).toBe(307)
    const back = new URL(fapi.headers.get('location')!)
    expect(back.origin + back.pathname).toBe(`${APP}/dashboard`)
    expect(back.searchParams.has(format === 'nonce' ? '__clerk_handshake_nonce' : '__clerk_handshake')).toBe(true)

    const resolved = await backend().authenticateRequest(documentRequest(back.href, cookie), options)
    const setCookies = resolved.headers.getSetCookie()
    return { resolved, setCookies }
  }

  it('gives a first-time browser a dev browser and signed-out cookies', async () => {
    const { resolved, setCookies } = await roundTrip('')
    expect(resolved.status).toBe('signed-out')
    expect(setCookies.some(c => /^__clerk_db_jwt=dvb_/.test(c))).toBe(true)
    expect(setCookies).toContain('__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax')
    expect(new URL(resolved.headers.get('location')!).searchParams.has('__clerk_handshake_nonce')).toBe(false)
  })

  for (const format of ['nonce', 'token'] as const) {
    it(`refreshes a signed-in browser's missing session token (${format} format)`, async () => {
      const { client, userId } = await signUp()
      const clientJson = (await client.call('GET', '/v1/client')).json.response
      const uat = Math.floor(clientJson.updated_at / 1000)
      const { resolved, setCookies } = await roundTrip(`__clerk_db_jwt=${client.devBrowser}; __client_uat=${uat}`, format)
      expect(resolved.status).toBe('signed-in')
      expect(resolved.toAuth()).toMatchObject({ userId })
      const session = setCookies.find(c => c.startsWith('__session='))!
      expect(decodeJwt(session.slice('__session='.length).split(';')[0]!)).toMatchObject({ sub: userId, azp: APP })
    })
  }

  it('refuses to redirect to a foreign origin', async () => {
    const res = await fapiRequest(`${fapiBase}/v1/client/handshake?redirect_url=${encodeURIComponent('https://evil.example/')}`, {})
    expect(res.status).toBe(422)
    expect(res.headers.get('location')).toBeNull()
  })
})
