import { messages } from '../../shared/messages'
import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'

const stack = useStack()

const valid = { applicationName: '내 앱', applicationType: 'SaaS' }

function post(body: string | object, headers: Record<string, string> = {}) {
  return fetch(`${stack.appUrl}/api/complete-onboarding`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('POST /api/complete-onboarding', () => {
  it('answers 401 JSON without a session, before looking at the body', async () => {
    const res = await post('not json at all')
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect((await res.json()).data.code).toBe('unauthenticated')
  })

  it('answers 401 for a malformed, a foreign-key and an expired token, by header and by cookie', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const expired = await user.token({ now: Date.now() - 3_600_000 })
    const forged = `${(await user.token()).slice(0, -10)}AAAAAAAAAA`
    for (const token of ['garbage', 'a.b.c', expired, forged]) {
      expect((await post(valid, bearer(token))).status).toBe(401)
      expect((await post(valid, { cookie: `__session=${token}; __client_uat=1` })).status).toBe(401)
    }
    const after = await stack.clerk.users.getUser(user.userId)
    expect(after.publicMetadata).toEqual({})
  })

  it('answers 400 with Korean field errors and changes nothing', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const res = await post({ applicationName: '   ', applicationType: 'x'.repeat(51) }, bearer(await user.token()))
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.data.code).toBe('validation_failed')
    expect(body.data.fields).toEqual({
      applicationName: '애플리케이션 이름을 입력해 주세요.',
      applicationType: '애플리케이션 유형은 50자 이하로 입력해 주세요.',
    })
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })

  it('answers 400 for malformed JSON', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const res = await post('{"applicationName": "x",', bearer(await user.token()))
    expect(res.status).toBe(400)
    expect((await res.json()).data.code).toBe('invalid_json')
  })

  it('answers 415 for form-encoded and text bodies', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await post('applicationName=x&applicationType=y', { ...bearer(token), 'content-type': type })
      expect(res.status).toBe(415)
    }
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })

  it('answers 413 for a body over 16 KB', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const res = await post({ ...valid, padding: 'x'.repeat(17 * 1024) }, bearer(await user.token()))
    expect(res.status).toBe(413)
    expect((await res.json()).data.code).toBe('payload_too_large')
  })

  it('refuses a cross-site browser request with 403', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    expect((await post(valid, { ...bearer(token), origin: 'https://evil.example' })).status).toBe(403)
    expect((await post(valid, { ...bearer(token), 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })

  it('merges into public metadata: keys set beforehand through the Backend API survive', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    await stack.clerk.users.updateUserMetadata(user.userId, { publicMetadata: { plan: 'pro', nested: { keep: true } } })
    const res = await post({ applicationName: '  내 앱  ', applicationType: 'SaaS' }, bearer(await user.token()))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      success: true,
      message: '온보딩을 마쳤어요.',
      onboardingComplete: true,
      applicationName: '내 앱',
      applicationType: 'SaaS',
    })
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({
      plan: 'pro',
      nested: { keep: true },
      onboardingComplete: true,
      applicationName: '내 앱',
      applicationType: 'SaaS',
    })
  })

  it('accepts the session cookie a browser sends (same origin)', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const uat = Math.floor(Date.now() / 1000) - 5
    const res = await post(valid, { 'cookie': `__session=${token}; __client_uat=${uat}; __clerk_db_jwt=dvb_test`, 'origin': stack.appUrl, 'sec-fetch-site': 'same-origin' })
    expect(res.status).toBe(200)
  })
})

describe('other methods and languages', () => {
  it('answers GET /api/complete-onboarding with 405 and Allow: POST', async () => {
    const res = await fetch(`${stack.appUrl}/api/complete-onboarding`)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect((await res.json()).data.code).toBe('method_not_allowed')
  })

  it('puts error messages in the caller\'s language, with the same code and field codes', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const english = await (await post({ applicationName: '' }, { ...bearer(token), 'accept-language': 'en-US,en;q=0.9' })).json()
    expect(english.message).toBe('Please check the highlighted fields.')
    expect(english.data.fieldCodes).toEqual({ applicationName: 'required', applicationType: 'not_string' })
    expect(english.data.fields.applicationName).toBe('Enter the application name.')
    const chosen = await (await post({ applicationName: '' }, { ...bearer(token), 'accept-language': 'en', 'cookie': 'locale=ko' })).json()
    expect(chosen.message).toBe('표시된 항목을 확인해 주세요.')
    expect(chosen.data.code).toBe(english.data.code)
  })
})

describe('the page\'s language without a choice', () => {
  it('follows Accept-Language on every page and sets no cookie until the visitor chooses', async () => {
    for (const [language, lang] of [['en-US,en;q=0.9', 'en'], ['ko-KR', 'ko'], ['fr', 'ko']] as const) {
      const res = await fetch(`${stack.appUrl}/`, { headers: { 'accept-language': language } })
      expect(res.status).toBe(200)
      expect(await res.text(), language).toMatch(new RegExp(`<html\\s+lang="${lang}"`))
      expect(res.headers.getSetCookie().filter(cookie => cookie.startsWith('locale=')), language).toEqual([])
    }
    const chosen = await fetch(`${stack.appUrl}/`, { headers: { 'accept-language': 'en', 'cookie': 'locale=ko' } })
    expect(await chosen.text()).toMatch(/<html\s+lang="ko"/)
  })
})

describe('GET /api/onboarding-status', () => {
  it('answers 401 without a session', async () => {
    const res = await fetch(`${stack.appUrl}/api/onboarding-status`)
    expect(res.status).toBe(401)
  })

  it('reads the claims of the token, and Clerk with ?fresh=1', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const before = await user.token()
    await post(valid, bearer(before))
    // The old token predates the update: claims say "not yet", Clerk says "done".
    const fromClaims = await (await fetch(`${stack.appUrl}/api/onboarding-status`, { headers: bearer(before) })).json()
    expect(fromClaims).toEqual({ onboardingComplete: false, applicationName: null, applicationType: null, source: 'session' })
    const fresh = await (await fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: bearer(before) })).json()
    expect(fresh).toEqual({ onboardingComplete: true, applicationName: '내 앱', applicationType: 'SaaS', source: 'clerk' })
    // The next token carries the new metadata.
    const next = await (await fetch(`${stack.appUrl}/api/onboarding-status`, { headers: bearer(await user.token()) })).json()
    expect(next).toEqual({ onboardingComplete: true, applicationName: '내 앱', applicationType: 'SaaS', source: 'session' })
  })
})

describe('GET /api/health', () => {
  it('answers 200 without calling Clerk', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    stack.emulator.setFaults([{ path: '/bapi/**', status: 500 }, { path: '/fapi/**', status: 500 }])
    try {
      // The fault is live: anything that does call Clerk fails now.
      const fresh = await fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: bearer(token) })
      expect(fresh.status).toBe(502)
      const res = await fetch(`${stack.appUrl}/api/health`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
    }
    finally {
      stack.emulator.clearFaults()
    }
  })
})

describe('Cache-Control on every answer the server computes', () => {
  it('is private, no-store for a signed-out caller: pages, redirects, API errors, the health probe', async () => {
    const html = { 'sec-fetch-dest': 'document', 'accept': 'text/html' }
    for (const [path, headers, status] of [
      ['/', {}, 200],
      ['/dashboard', {}, 302],
      ['/no-such-page', {}, 404],
      ['/api/onboarding-status', {}, 401],
      ['/api/nothing-here', {}, 404],
      ['/api/health', {}, 200],
      // Clerk's own development handshake redirect.
      ['/dashboard', html, 307],
    ] as const) {
      const res = await fetch(`${stack.appUrl}${path}`, { headers, redirect: 'manual' })
      expect(res.status, path).toBe(status)
      expect(res.headers.get('cache-control'), `${path} ${status}`).toBe('private, no-store')
    }
  })

  it('is private, no-store for a signed-in user: pages and API answers, errors included', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, { onboardingComplete: true, applicationName: '캐시 앱', applicationType: 'b' })
    const token = await user.token()
    const iat = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat
    const cookie = `__session=${token}; __client_uat=${iat}; __clerk_db_jwt=dvb_test`
    const page = await fetch(`${stack.appUrl}/dashboard`, { headers: { cookie, 'sec-fetch-dest': 'document', 'accept': 'text/html' }, redirect: 'manual' })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('캐시 앱')
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    const missing = await fetch(`${stack.appUrl}/no-such-page`, { headers: { cookie, 'sec-fetch-dest': 'document', 'accept': 'text/html' }, redirect: 'manual' })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control')).toBe('private, no-store')
    for (const [path, status] of [['/api/onboarding-status', 200], ['/api/onboarding-status?fresh=1', 200], ['/api/nothing-here', 404]] as const) {
      const res = await fetch(`${stack.appUrl}${path}`, { headers: { cookie } })
      expect(res.status, path).toBe(status)
      expect(res.headers.get('cache-control'), path).toBe('private, no-store')
    }
    const invalid = await post('{', bearer(token))
    expect(invalid.status).toBe(400)
    expect(invalid.headers.get('cache-control')).toBe('private, no-store')
  })
})

describe('error messages come from shared/messages.ts, in the caller\'s language', () => {
  it.each(['ko', 'en'] as const)('%s: 401, 404, 405, 415 and 413 carry the table\'s words for their code', async (locale) => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const language = { cookie: `locale=${locale}` }
    const answers = [
      await post(valid, language),
      await fetch(`${stack.appUrl}/api/nothing-here`, { headers: language }),
      await fetch(`${stack.appUrl}/api/complete-onboarding`, { headers: language }),
      await post(valid, { ...language, ...bearer(token), 'content-type': 'text/plain' }),
      await post({ ...valid, padding: 'x'.repeat(17 * 1024) }, { ...language, ...bearer(token) }),
    ]
    const codes: string[] = []
    for (const res of answers) {
      const body = await res.json()
      codes.push(body.data.code)
      expect(body.message).toBe(messages[locale].errors[body.data.code as keyof typeof messages.ko.errors])
    }
    expect(codes).toEqual(['unauthenticated', 'not_found', 'method_not_allowed', 'unsupported_media_type', 'payload_too_large'])
  })
})
