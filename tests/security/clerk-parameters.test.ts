import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { browserCookies } from './support/http'

// Clerk's own handshake and dev-browser parameters, forged: a junk value, in the query string or
// a cookie, costs a redirect or a signed-out answer, never a 5xx, and never a redirect loop.

const stack = useStack()

const NAMES = ['__clerk_handshake', '__clerk_handshake_nonce', '__clerk_db_jwt', '__clerk_redirect_count'] as const
const JUNK = ['junk', 'eyJhbGciOiJSUzI1NiJ9.eyJoYW5kc2hha2UiOlsiX19zZXNzaW9uPXgiXX0.c2ln', '%00', '']
const VECTORS = NAMES.flatMap(name => JUNK.flatMap(value => [
  { name, value, where: 'query' as const },
  { name, value, where: 'cookie' as const },
]))
const DOCUMENT = { 'sec-fetch-dest': 'document', 'accept': 'text/html' }

function send(path: string, vector: typeof VECTORS[number], headers: Record<string, string> = {}) {
  const url = vector.where === 'query' ? `${path}${path.includes('?') ? '&' : '?'}${vector.name}=${vector.value}` : path
  const cookie = [headers.cookie, vector.where === 'cookie' ? `${vector.name}=${vector.value}` : ''].filter(Boolean).join('; ')
  return fetch(`${stack.appUrl}${url}`, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } })
}

/** Follows same-origin redirects as a browser would, cookies included; stops at the first answer or foreign hop. */
async function settle(path: string, vector: typeof VECTORS[number], headers: Record<string, string>) {
  let res = await send(path, vector, headers)
  let cookie = [headers.cookie, vector.where === 'cookie' ? `${vector.name}=${vector.value}` : ''].filter(Boolean).join('; ')
  for (let hop = 0; hop < 5; hop++) {
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) return res
    const next = new URL(location, stack.appUrl)
    if (next.origin !== stack.appUrl) return res
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const name = pair!.split('=')[0]!
      cookie = [...cookie.split('; ').filter(c => c && !c.startsWith(`${name}=`)), /max-age=0/i.test(set) ? '' : pair].filter(Boolean).join('; ')
    }
    res = await fetch(next, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } })
  }
  throw new Error(`${path} with ${vector.name} in the ${vector.where} still redirects after 5 hops`)
}

describe('junk Clerk parameters', () => {
  it.each(VECTORS)('$name=$value in the $where: /api/health answers 200', async (vector) => {
    const res = await send('/api/health', vector)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it.each(VECTORS)('$name=$value in the $where: pages and the API never answer 5xx or loop', async (vector) => {
    for (const [path, headers] of [['/dashboard', DOCUMENT], ['/', DOCUMENT], ['/api/onboarding-status', {}]] as const) {
      const res = await settle(path, vector, headers)
      expect(res.status, `${path}`).toBeLessThan(500)
      if (path.startsWith('/api/') && res.status < 300) expect(res.headers.get('content-type')).toMatch(/json/)
    }
  })

  it('a junk handshake cookie is expired, and the next request is answered normally', async () => {
    const res = await send('/api/onboarding-status', { name: '__clerk_handshake', value: 'junk', where: 'cookie' })
    expect(res.status).toBe(401)
    expect(res.headers.getSetCookie().some(set => /^__clerk_handshake=;.*max-age=0/i.test(set))).toBe(true)
    expect((await fetch(`${stack.appUrl}/api/onboarding-status`)).status).toBe(401)
  })

  it('a signed-in browser with a junk handshake cookie stays signed in', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, { onboardingComplete: true, applicationName: 'a', applicationType: 'b' })
    const token = await user.token()
    const iat = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat
    const cookies = browserCookies(token, stack.appUrl)
    cookies.cookie = cookies.cookie!.replace(/__client_uat=\d+/, `__client_uat=${iat}`)
    for (const where of ['cookie', 'query'] as const) {
      const res = await settle('/api/onboarding-status', { name: '__clerk_handshake', value: 'junk', where }, cookies)
      expect(res.status, where).toBe(200)
      expect((await res.json()).onboardingComplete).toBe(true)
    }
  })
})

describe('Clerk\'s redirect parameters on the sign-in and sign-up pages', () => {
  it.each(['/sign-in', '/sign-up', '/sign-in/factor-one'])('%s: the server render drops foreign ones and normalises the rest', async (path) => {
    const query = 'redirect_url=/x/../onboarding&sign_in_force_redirect_url=https://owned.example/x&sign_up_force_redirect_url=/.//owned.example&sign_in_fallback_redirect_url=//owned.example&sign_up_fallback_redirect_url=/%2e//owned.example&after_sign_in_url=https://owned.example&keep=1'
    // A browser that already has its development-browser token, so Clerk needs no handshake first.
    const headers = { ...DOCUMENT, cookie: '__clerk_db_jwt=dvb_test' }
    const res = await fetch(`${stack.appUrl}${path}?${query}`, { headers, redirect: 'manual' })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location')!, stack.appUrl)
    expect(location.pathname).toBe(path)
    expect(Object.fromEntries(location.searchParams)).toEqual({ redirect_url: '/onboarding', keep: '1' })
    const clean = await fetch(location, { headers, redirect: 'manual' })
    expect(clean.status).toBe(200)
  })
})
