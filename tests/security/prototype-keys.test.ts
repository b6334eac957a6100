import { beforeAll, describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, browserCookies } from './support/http'

// Query parameters, cookies and headers named like Object.prototype's members are ordinary keys:
// they never read the prototype (`function hasOwnProperty() { [native code] }` in a redirect), never
// replace it, and never cost a 5xx, on every page and route, signed in or out.

const stack = useStack()
let signedIn: Record<string, string>
let apiToken: Record<string, string>
beforeAll(async () => {
  const user = await createSignedInUser(stack.emulator, stack.appUrl, { onboardingComplete: true, applicationName: 'a', applicationType: 'b' })
  const token = await user.token()
  signedIn = browserCookies(token, stack.appUrl)
  apiToken = bearer(token)
})

const KEYS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']
const PAGES = ['/', '/dashboard', '/onboarding', '/sign-in', '/sign-in/factor-one', '/sign-up', '/no-such-page']
const ROUTES: Array<[string, string]> = [['GET', '/api/health'], ['GET', '/api/onboarding-status'], ['GET', '/api/onboarding-status?fresh=1'], ['POST', '/api/complete-onboarding'], ['GET', '/api/no-such-route']]
const DOCUMENT = { 'sec-fetch-dest': 'document', 'accept': 'text/html' }
const PROTOTYPE_TEXT = /\[native code\]|function\s*\w*\s*\(|\[object Object\]/

function withKey(path: string, key: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${key}=x&${key}=y`
}

/** The answer carries no prototype member's text, and a same-origin redirect keeps the key's two values as sent. */
async function expectPlain(res: Response, key: string, what: string) {
  expect(res.status, what).toBeLessThan(500)
  const location = res.headers.get('location')
  expect(location ?? '', what).not.toMatch(PROTOTYPE_TEXT)
  expect(decodeURIComponent(location ?? ''), what).not.toMatch(PROTOTYPE_TEXT)
  expect(await res.text(), what).not.toMatch(PROTOTYPE_TEXT)
  if (!location?.startsWith('/')) return
  const target = new URL(location, stack.appUrl)
  const back = target.searchParams.get('redirect_url')
  const query = back ? new URL(back, stack.appUrl).searchParams : target.searchParams
  if (query.has(key)) expect(query.getAll(key), what).toEqual(['x', 'y'])
}

describe.each(KEYS)('%s as a key', (key) => {
  it.each(PAGES)('in the query, a cookie and a header of %s, signed out and signed in', async (page) => {
    for (const [who, headers] of [['signed out', { cookie: '__clerk_db_jwt=dvb_test' }], ['signed in', signedIn]] as const) {
      const res = await fetch(`${stack.appUrl}${withKey(page, key)}`, {
        redirect: 'manual',
        headers: { ...DOCUMENT, ...headers, [key]: 'x', cookie: `${headers.cookie}; ${key}=x` },
      })
      await expectPlain(res, key, `${who} ${page}`)
    }
  })

  it.each(ROUTES)('in the query, a cookie and a header of %s %s, anonymous and with a session', async (method, route) => {
    for (const [who, headers] of [['anonymous', {}], ['Bearer', apiToken], ['cookies', signedIn]] as const) {
      const res = await fetch(`${stack.appUrl}${withKey(route, key)}`, {
        method,
        redirect: 'manual',
        headers: { 'content-type': 'application/json', ...headers, [key]: 'x', 'cookie': [(headers as Record<string, string>).cookie, `${key}=x`].filter(Boolean).join('; ') },
        ...(method === 'POST' ? { body: JSON.stringify({ applicationName: 'a', applicationType: 'b', [key]: 'x' }) } : {}),
      })
      await expectPlain(res, key, `${who} ${method} ${route}`)
    }
  })

  it('beside a foreign redirect_url on the sign-in page: the redirect keeps the key as sent and drops the foreign URL', async () => {
    const res = await fetch(`${stack.appUrl}/sign-in?${key}=x&redirect_url=https://evil.example`, { redirect: 'manual', headers: { ...DOCUMENT, cookie: '__clerk_db_jwt=dvb_test' } })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location')!, stack.appUrl)
    expect(location.pathname).toBe('/sign-in')
    // vue-router rebuilds a redirect's query on a plain object, whose setter drops `__proto__`:
    // the parameter is lost, never read or set as the object's prototype.
    expect([...location.searchParams]).toEqual(key === '__proto__' ? [] : [[key, 'x']])
  })
})
