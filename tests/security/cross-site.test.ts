import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, browserCookies, postOnboarding, VALID_BODY } from './support/http'

// A victim is signed in; another site makes their browser send a state-changing request. The
// browser attaches the session cookie; our answer must be a refusal and nothing may change.

const stack = useStack()

async function victim() {
  const user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'free' })
  const token = await user.token()
  return {
    user,
    token,
    /** The cookies the victim's browser attaches, plus the headers a cross-site page causes. */
    cookies: (headers: Record<string, string>) => ({ ...browserCookies(token, stack.appUrl), ...headers }),
    unchanged: async () => expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({ plan: 'free' }),
  }
}

describe('cross-site state-changing requests are refused and change nothing', () => {
  it('a foreign, null or look-alike Origin gets 403', async () => {
    const v = await victim()
    const port = new URL(stack.appUrl).port
    const origins = [
      'https://evil.example',
      'null',
      `http://localhost:${Number(port) + 1}`,
      `https://localhost:${port}`,
      `http://localhost:${port}.evil.example`,
      `http://127.0.0.1:${port}`,
      `${stack.appUrl}@evil.example`,
      `HTTP://LOCALHOST:${port}`,
    ]
    for (const origin of origins) {
      const byCookie = await postOnboarding(stack.appUrl, VALID_BODY, v.cookies({ origin, 'sec-fetch-site': 'same-origin' }))
      expect(byCookie.status, `cookie, Origin: ${origin}`).toBe(403)
      expect((await byCookie.json()).data.code).toBe('cross_site_request')
      const byBearer = await postOnboarding(stack.appUrl, VALID_BODY, { ...bearer(v.token), origin })
      expect(byBearer.status, `bearer, Origin: ${origin}`).toBe(403)
    }
    await v.unchanged()
  })

  it('Sec-Fetch-Site other than same-origin/none gets 403, even with our own Origin', async () => {
    const v = await victim()
    for (const site of ['cross-site', 'same-site', 'CROSS-SITE', 'bogus']) {
      const res = await postOnboarding(stack.appUrl, VALID_BODY, v.cookies({ 'sec-fetch-site': site }))
      expect(res.status, `Sec-Fetch-Site: ${site}`).toBe(403)
    }
    await v.unchanged()
  })

  it('bodies a cross-site <form>, sendBeacon or no-cors fetch can send without a preflight get 415', async () => {
    const v = await victim()
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', 'applicationName=x&applicationType=y'],
      ['multipart/form-data; boundary=----x', '------x\r\nContent-Disposition: form-data; name="applicationName"\r\n\r\nx\r\n------x--\r\n'],
      ['text/plain', JSON.stringify(VALID_BODY)],
      ['text/plain; charset=utf-8', JSON.stringify(VALID_BODY)],
      ['', JSON.stringify(VALID_BODY)],
      ['application/jsonx', JSON.stringify(VALID_BODY)],
      ['text/json', JSON.stringify(VALID_BODY)],
      ['application/x-json', JSON.stringify(VALID_BODY)],
    ]
    for (const [type, body] of bodies) {
      // Even when the browser claims same-origin, a non-JSON body is not accepted.
      const headers = v.cookies({})
      const res = await fetch(`${stack.appUrl}/api/complete-onboarding`, {
        method: 'POST',
        headers: type ? { ...headers, 'content-type': type } : headers,
        body: type ? body : new Blob([body]),
      })
      expect(res.status, `Content-Type: ${type || '(none)'}`).toBe(415)
      // The same body from a cross-site page: refused too (403 or 415, whichever check comes first).
      const cross = await fetch(`${stack.appUrl}/api/complete-onboarding`, {
        method: 'POST',
        headers: { ...v.cookies({ 'origin': 'https://evil.example', 'sec-fetch-site': 'cross-site' }), ...(type ? { 'content-type': type } : {}) },
        body: type ? body : new Blob([body]),
      })
      expect([403, 415], `cross-site, Content-Type: ${type || '(none)'}`).toContain(cross.status)
    }
    await v.unchanged()
  })

  it('a CORS preflight from another origin is not granted', async () => {
    const res = await fetch(`${stack.appUrl}/api/complete-onboarding`, {
      method: 'OPTIONS',
      headers: { 'origin': 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(res.headers.get('access-control-allow-origin')).not.toBe('https://evil.example')
    expect(res.headers.get('access-control-allow-origin')).not.toBe('*')
    expect(res.headers.get('access-control-allow-credentials')).not.toBe('true')
  })

  it('GET (a link or an <img> on another site) changes nothing', async () => {
    const v = await victim()
    for (const path of ['/api/complete-onboarding?applicationName=x&applicationType=y', '/api/onboarding-status?applicationName=x&fresh=1']) {
      const res = await fetch(`${stack.appUrl}${path}`, { headers: v.cookies({ 'sec-fetch-site': 'cross-site' }), redirect: 'manual' })
      expect(await res.text(), path).not.toContain('"success":true')
    }
    await v.unchanged()
  })

  it('the control: the same request from our own origin succeeds', async () => {
    const v = await victim()
    const res = await postOnboarding(stack.appUrl, VALID_BODY, v.cookies({}))
    expect(res.status).toBe(200)
    expect((await stack.clerk.users.getUser(v.user.userId)).publicMetadata).toMatchObject({ plan: 'free', onboardingComplete: true })
  })
})
