import { describe, expect, it } from 'vitest'
import { ONBOARDED, useJourney } from './support/fixture'

const journey = useJourney()

/**
 * Follows redirects by hand like a browser without JavaScript: a small cookie jar (all hosts here
 * are localhost, whose cookies ignore the port), every hop's body kept.
 */
async function crawl(url: string, cookie = '') {
  const jar = new Map(cookie.split('; ').filter(Boolean).map(pair => [pair.split('=')[0]!, pair] as const))
  const hops: Array<{ url: string, status: number, body: string }> = []
  let next = url
  for (let i = 0; i < 10; i++) {
    const res = await fetch(next, { redirect: 'manual', headers: { 'accept': 'text/html', 'sec-fetch-dest': 'document', 'cookie': [...jar.values()].join('; ') } })
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!
      jar.set(pair.split('=')[0]!, pair)
    }
    hops.push({ url: next, status: res.status, body: await res.text() })
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) break
    next = new URL(location, next).toString()
  }
  return hops
}

describe('journey: the server decides the first request', () => {
  it.each(['/dashboard', '/onboarding'])('a signed-out GET %s is a redirect to sign-in and never carries the page', async (path) => {
    const hops = await crawl(`${journey.stack.appUrl}${path}`)
    const last = hops.at(-1)!
    expect(hops[0]!.status).toBeGreaterThanOrEqual(300)
    expect(hops[0]!.status).toBeLessThan(400)
    expect(new URL(last.url).origin).toBe(journey.stack.appUrl)
    expect(new URL(last.url).pathname).toBe('/sign-in')
    expect(new URL(last.url).searchParams.get('redirect_url')).toBe(path)
    for (const hop of hops) {
      expect(hop.body).not.toContain('application-info')
      expect(hop.body).not.toContain('애플리케이션 이름')
    }
  })

  it('a browser\'s cookies with the session removed get the same redirect', async () => {
    const { context, finish } = await journey.signedIn('nojs', { ...ONBOARDED, applicationName: '비밀 앱' })
    const cookies = (await context.cookies(journey.stack.appUrl))
      .filter(cookie => !cookie.name.startsWith('__session') && !cookie.name.startsWith('__client_uat'))
      .map(cookie => `${cookie.name}=${cookie.value}`)
      .join('; ')
    const hops = await crawl(`${journey.stack.appUrl}/dashboard`, cookies)
    expect(new URL(hops.at(-1)!.url).pathname).toBe('/sign-in')
    for (const hop of hops) expect(hop.body).not.toContain('비밀 앱')
    await finish()
  })
})
