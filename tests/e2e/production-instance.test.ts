import { spawn } from 'node:child_process'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInUser } from '../support/sessions'
import { useStack } from '../support/stack'
import { launchChromium, screenshot } from './support/browser'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

// Our build against a production Clerk instance (pk_live_/sk_live_, NODE_ENV=production,
// NUXT_CLERK_AUTHORIZED_PARTIES set): the app at http://app.localhost:<port>, the Frontend API at
// http://clerk.app.localhost:<port>, no dev browser, Clerk's cookies split between the two hosts.

const stack = useStack({ production: true })
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

/** Loopback names only (Chromium resolves *.localhost itself); anything else is aborted and reported. */
async function openContext() {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1100, height: 800 } })
  const problems: string[] = []
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url())
    if (hostname === '127.0.0.1' || hostname === 'localhost' || hostname.endsWith('.localhost')) return route.continue()
    problems.push(`request to a non-local host: ${route.request().url()}`)
    return route.abort()
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', error => problems.push(`page error: ${error.message}`))
  return { context, page, problems }
}

describe('journey against a production instance', () => {
  it('signs up, onboards, reloads, survives a handshake and signs out, with production cookies', async () => {
    expect(stack.emulator.keys.publishableKey).toMatch(/^pk_live_/)
    const { context, page, problems } = await openContext()
    const { appUrl } = stack
    const app = new URL(appUrl)

    await signUpThroughClerk(page, stack, uniqueEmail('live'), PASSWORD)
    await waitForPath(page, '/onboarding')
    await completeOnboarding(page, { applicationName: '운영 앱', applicationType: '프로덕션' })
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('운영 앱')

    await page.reload()
    await waitForPath(page, '/dashboard')
    expect(await page.getByTestId('application-name').textContent()).toContain('운영 앱')
    await screenshot(page, 'production-dashboard')

    const cookies = await context.cookies()
    // No dev browser; __client is the Frontend API's own, httpOnly; __client_uat is the app domain's.
    expect(cookies.filter(c => c.name.startsWith('__clerk_db_jwt'))).toEqual([])
    const client = cookies.find(c => c.name === '__client')!
    expect(client).toMatchObject({ domain: `clerk.${app.hostname}`, httpOnly: true })
    const uat = cookies.find(c => c.name === '__client_uat')!
    expect(uat.domain).toBe(`.${app.hostname}`)
    expect(Number(uat.value)).toBeGreaterThan(0)

    // Without its session token the server must ask the Frontend API (the production handshake),
    // which knows the browser by __client and answers with a cookie on the app's domain.
    const handshakes: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/v1/client/handshake')) handshakes.push(request.url())
    })
    // Off the app first, so clerk-js cannot write a fresh __session between the clear and the request.
    await page.goto('about:blank')
    await context.clearCookies({ name: /^__session/ })
    await page.goto(`${appUrl}/dashboard`)
    await waitForPath(page, '/dashboard')
    expect(handshakes).toHaveLength(1)
    expect(await page.getByTestId('application-name').textContent()).toContain('운영 앱')
    expect((await context.cookies()).filter(c => c.name.includes('handshake'))).toEqual([])

    await page.locator('header .cl-userButtonTrigger').click()
    await page.locator('.cl-userButtonPopoverActionButton__signOut').click()
    await expect.poll(async () => (await context.cookies()).find(c => c.name === '__client_uat')?.value).toBe('0')
    await page.goto(`${appUrl}/dashboard`)
    await waitForPath(page, '/sign-in')

    expect(problems).toEqual([])
    await context.close()
  })
})

describe('authorized parties on a production instance', () => {
  it('accepts a session token minted for the app\'s origin and refuses one minted for another *.localhost origin', async () => {
    const session = await createSignedInUser(stack.emulator, stack.appUrl)
    const status = async (token: string) => {
      const port = new URL(stack.appUrl).port
      return (await fetch(`http://127.0.0.1:${port}/api/onboarding-status`, { headers: { authorization: `Bearer ${token}` } })).status
    }
    expect(await status(await session.token())).toBe(200)
    expect(await status(await session.token({ origin: 'http://evil.localhost:3000' }))).toBe(401)
  })
})

describe('a live key with a plain-http authorized party', () => {
  it('is refused at startup unless the origin is a loopback one', async () => {
    const output = await new Promise<{ code: number | null, text: string }>((resolve) => {
      const child = spawn(process.execPath, ['.output/server/index.mjs'], {
        env: { ...process.env, ...stack.emulator.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', NUXT_CLERK_AUTHORIZED_PARTIES: 'http://app.example.com' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let text = ''
      child.stdout!.on('data', (chunk: Buffer) => { text += chunk })
      child.stderr!.on('data', (chunk: Buffer) => { text += chunk })
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      child.once('exit', (code) => {
        clearTimeout(timer)
        resolve({ code, text })
      })
    })
    expect(output.code).not.toBe(0)
    expect(output.text).toContain('"http://app.example.com" must be https://')
  })
})
