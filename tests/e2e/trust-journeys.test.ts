import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hostClerkWouldAccept, signInThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, useJourney } from './support/fixture'

const journey = useJourney()
const APP_NAME = '신뢰 앱'
const metadata = { onboardingComplete: true, applicationName: APP_NAME, applicationType: '웹' }

describe('journey: the trust layer in the browser', () => {
  it.each([
    ['redirect_url', (host: string) => `/.//${host}/x`],
    ['sign_in_force_redirect_url', (host: string) => `https://${host}/owned`],
  ])('signing in from /sign-in?%s=<a host on Clerk\'s allow-list> ends on the app\'s origin', async (param, value) => {
    const { email } = await journey.createUser('trust-redirect', metadata)
    const { page, finish } = await journey.open()
    const hostile = value(hostClerkWouldAccept(journey.stack))
    // Passed raw (not re-encoded), as an attacker's link would carry it.
    await page.goto(`${journey.stack.appUrl}/sign-in?${param}=${hostile}`)
    // The page takes Clerk's parameter out of the address bar before clerk-js reads it.
    expect(new URL(page.url()).searchParams.has(param)).toBe(false)
    await signInThroughClerk(page, email, PASSWORD)
    await waitForPath(page, '/dashboard')
    expect(new URL(page.url()).origin).toBe(journey.stack.appUrl)
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(APP_NAME)
    // Any request to the foreign host would be listed (and aborted) by the watched context.
    await finish()
  })

  it('Back after sign-out shows no application name', async () => {
    // Caches as a user's browser has them: Playwright launches Chromium without its back-forward
    // cache, and a routed context (the watched one) bypasses the HTTP cache. Same flags otherwise.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    })
    try {
      const { email } = await journey.createUser('trust-back', metadata)
      const page = await (await browser.newContext({ locale: 'ko-KR' })).newPage()
      const errors: string[] = []
      page.on('pageerror', error => errors.push(error.message))
      page.on('request', (request) => {
        const { protocol, hostname } = new URL(request.url())
        if (protocol.startsWith('http') && hostname !== 'localhost' && hostname !== '127.0.0.1') errors.push(`request to ${request.url()}`)
      })
      await journey.signIn(page, email)
      // Full document loads: the dashboard's HTML, then another page, from which the user signs out.
      await page.goto(`${journey.stack.appUrl}/dashboard`)
      await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(APP_NAME)
      await page.goto(`${journey.stack.appUrl}/`)
      await page.locator('header .cl-userButtonTrigger').click()
      await page.locator('.cl-userButtonPopoverActionButton__signOut').click()
      await expect.poll(() => page.evaluate(() => document.cookie.includes('__session='))).toBe(false)

      // The next person at this browser presses Back: the dashboard must come from the server
      // again (which sends them to sign in), not from the back-forward or the disk cache.
      // The server's answer is the gate's 302; a page restored from a cache makes no request (the
      // session watch would then move it to /sign-in too, after it was shown).
      const fromServer = page.waitForResponse(response => new URL(response.url()).pathname === '/dashboard' && response.request().resourceType() === 'document', { timeout: 15_000 })
      await page.goBack()
      expect((await fromServer).status()).toBe(302)
      await waitForPath(page, '/sign-in')
      expect(await page.locator('body').innerText()).not.toContain(APP_NAME)
      expect(errors).toEqual([])
    }
    finally {
      await browser.close()
    }
  })
})
