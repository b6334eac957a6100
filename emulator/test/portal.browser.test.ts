import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wiringEnv } from '../src/env.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { startFixtureApp, type FixtureApp } from './helpers/fixture-app.ts'
import { enterSentCode, useGuardedBrowser } from './helpers/browser.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// The Account Portal as an app of another SDK generation uses it: a plain page on clerk-js 5 (what
// @clerk/nextjs 6 loads) that hosts no sign-in page, so its buttons call redirectToSignIn() /
// redirectToSignUp() and land on the portal named in display_config; the portal itself runs
// clerk-js 6 + @clerk/ui. Steps run in order in one browser profile.

let t: TestEmulator
let app: FixtureApp
let portal: string

beforeAll(async () => {
  t = await startTestEmulator({ emailVerification: true })
  const env = wiringEnv(t.emulator.ctx, { framework: 'next@6' })
  app = await startFixtureApp('clerk-js-5-app', {
    publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY!,
    proxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL!,
    clerkJsUrl: env.NEXT_PUBLIC_CLERK_JS_URL!,
  })
  portal = `${t.emulator.url}/portal`
})

afterAll(async () => {
  await app?.stop()
  await t?.stop()
})

// No console error (CSP violations included) and no request off the machine, in any step.
const browser = useGuardedBrowser({ checkEachTest: true })

async function openApp(url = app.url): Promise<{ version: string, userId: string }> {
  if (url) await browser.page.goto(url)
  await browser.page.waitForFunction(() => (window as unknown as { __appReady?: boolean }).__appReady === true)
  return browser.page.evaluate(() => {
    const clerk = (window as unknown as { Clerk: { version: string, user: { id: string } | null } }).Clerk
    return { version: clerk.version, userId: document.getElementById('user-id')!.textContent || (clerk.user?.id ?? '') }
  })
}

/** The dev-browser token clerk-js keeps in a cookie on the current page's host. */
function devBrowserCookie(): Promise<string | undefined> {
  return browser.page.evaluate(() => /(?:^|; )__clerk_db_jwt=([^;]+)/.exec(document.cookie)?.[1])
}

/** Every top-level URL the page loads from now on, in order. */
function recordNavigations(): string[] {
  const urls: string[] = []
  browser.page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === browser.page.mainFrame()) urls.push(request.url())
  })
  return urls
}

async function signInAtPortal(email: string): Promise<void> {
  await browser.page.locator('input[name=identifier]').fill(email)
  await browser.page.locator('input[name=identifier]').press('Enter')
  const password = browser.page.locator('input[name=password]')
  await password.waitFor()
  await password.fill(PASSWORD)
  await password.press('Enter')
}

describe('the Account Portal, reached from a clerk-js 5 app', () => {
  it('signs in at the portal from redirectToSignIn() and returns to the app signed in', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('portal')], password: PASSWORD })
    const before = await openApp()
    expect(before).toEqual({ version: '5.128.0', userId: '' })

    const appDevBrowser = await devBrowserCookie()
    expect(appDevBrowser).toBeTruthy()
    const navigations = recordNavigations()

    await browser.page.locator('#sign-in').click()
    await browser.page.waitForURL(url => url.href.startsWith(`${portal}/sign-in`))
    // clerk-js 5 handed its dev browser to the portal (then the portal stripped it from the address
    // bar) and put the way back into the hash.
    const arrival = new URL(navigations.find(url => url.startsWith(`${portal}/sign-in`))!)
    expect(arrival.searchParams.get('__clerk_db_jwt')).toBe(appDevBrowser)
    expect(new URLSearchParams(new URL(browser.page.url()).hash.slice(3)).get('redirect_url')).toBe(`${app.url}/`)
    await signInAtPortal(user.emailAddresses[0]!.emailAddress)

    await browser.page.waitForURL(url => url.origin === app.url)
    const after = await openApp('')
    expect(after.userId).toBe(user.id)
    // The portal sent the same dev browser back: one client, one session, on both origins.
    const back = new URL(navigations.findLast(url => url.startsWith(app.url))!)
    expect(back.searchParams.get('__clerk_db_jwt')).toBe(appDevBrowser)
    const sessions = Object.values(t.emulator.store.data.sessions).filter(s => s.user_id === user.id)
    expect(sessions.map(s => s.status)).toEqual(['active'])
  })

  it('shows <UserProfile/> at the portal\'s account page for the signed-in user', async () => {
    await browser.page.goto(`${portal}/user`)
    await browser.page.evaluate(() => (window as unknown as { __portalReady: Promise<unknown> }).__portalReady)
    await browser.page.locator('.cl-userProfile-root').waitFor()
    expect(await browser.page.title()).toBe('Account · Clerk emulator')
  })

  it('signs up at the portal with the emailed code from redirectToSignUp()', async () => {
    await openApp()
    await browser.page.locator('#sign-out').click()
    await browser.page.locator('#sign-up').waitFor()
    await openApp()
    await browser.page.locator('#sign-up').click()
    await browser.page.waitForURL(url => url.href.startsWith(`${portal}/sign-up`))

    const email = uniqueEmail('portal-signup')
    await browser.page.locator('input[name=emailAddress]').fill(email)
    await browser.page.locator('input[name=password]').fill(PASSWORD)
    await browser.page.locator('input[name=password]').press('Enter')
    await browser.page.getByText('Verify your email').waitFor()
    const outbox = await fetch(`${t.emulator.url}/__emulator/emails?to=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS }).then(r => r.json()) as { data: Array<{ code: string }> }
    await browser.page.keyboard.type(outbox.data[0]!.code)

    await browser.page.waitForURL(url => url.origin === app.url)
    const created = Object.values(t.emulator.store.data.users).find(u => u.email_addresses[0]!.email_address === email)!
    expect((await openApp('')).userId).toBe(created.id)
  })

  it('keeps the redirect_url an app\'s middleware sent from sign-in to sign-up, and returns to the app once signed up', async () => {
    await openApp()
    await browser.page.locator('#sign-out').click()
    await browser.page.locator('#sign-in').waitFor()
    const back = `${app.url}/?from=middleware`
    // What a server middleware's redirectToSignIn() sends: the way back in the query string.
    await browser.page.goto(`${portal}/sign-in?${new URLSearchParams({ redirect_url: back })}`)
    await browser.page.locator('input[name=identifier]').waitFor()
    await browser.page.getByRole('link', { name: 'Sign up' }).click()
    await browser.page.waitForURL(url => url.pathname === '/portal/sign-up')
    expect(new URLSearchParams(new URL(browser.page.url()).hash.replace(/^#\/?\??/, '')).get('redirect_url')).toBe(back)

    const email = uniqueEmail('portal-middleware')
    await browser.page.locator('input[name=emailAddress]').fill(email)
    await browser.page.locator('input[name=password]').fill(PASSWORD)
    await browser.page.locator('input[name=password]').press('Enter')
    await enterSentCode(browser.page, t.emulator, email)
    await browser.page.waitForURL(url => url.origin === app.url && url.searchParams.get('from') === 'middleware')
    const created = Object.values(t.emulator.store.data.users).find(u => u.email_addresses[0]!.email_address === email)!
    expect((await openApp('')).userId).toBe(created.id)
  })

  it('falls back to its own account page when redirect_url points to an origin the emulator does not allow', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('portal-hostile')], password: PASSWORD })
    await openApp()
    await browser.page.locator('#sign-out').click()
    await browser.page.locator('#sign-in').waitFor()

    // Signed out, the account page sends the visitor to sign in first.
    await browser.page.goto(`${portal}/user`)
    await browser.page.waitForURL(url => url.href.startsWith(`${portal}/sign-in`))
    await browser.page.locator('input[name=identifier]').waitFor()

    const hostile = 'https://evil.example/steal'
    // One in the query string (as a server middleware sends it), two in the hash (as clerk-js does).
    const hash = new URLSearchParams({ sign_in_force_redirect_url: hostile, sign_in_fallback_redirect_url: hostile })
    await browser.page.goto(`${portal}/sign-in?${new URLSearchParams({ redirect_url: hostile })}#/?${hash}`)
    await signInAtPortal(user.emailAddresses[0]!.emailAddress)

    await browser.page.waitForURL(url => url.href.startsWith(`${portal}/user`))
    await browser.page.locator('.cl-userProfile-root').waitFor()
    expect(browser.page.url()).not.toContain('evil.example')
  })
})

describe('the Account Portal of an emulator with an --origin list', () => {
  let locked: TestEmulator

  beforeAll(async () => {
    locked = await startTestEmulator({ origins: ['http://localhost:3000'] })
    // Cookies ignore ports: start without the first emulator's dev browser on 127.0.0.1.
    await browser.guarded.context.clearCookies()
  })

  afterAll(async () => {
    await locked?.stop()
  })

  it('drops a redirect_url to a loopback origin that is not on the list', async () => {
    const user = await locked.clerk.users.createUser({ emailAddress: [uniqueEmail('portal-locked')], password: PASSWORD })
    const lockedPortal = `${locked.emulator.url}/portal`
    // The fixture app's origin would be allowed with no list (any loopback origin); here it is not.
    await browser.page.goto(`${lockedPortal}/sign-in#/?${new URLSearchParams({ redirect_url: `${app.url}/` })}`)
    await signInAtPortal(user.emailAddresses[0]!.emailAddress)

    await browser.page.waitForURL(url => url.href.startsWith(`${lockedPortal}/user`))
    await browser.page.locator('.cl-userProfile-root').waitFor()
  })
})
