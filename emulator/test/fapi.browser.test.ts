import { verifyToken } from '@clerk/backend'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { Page, Request } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorOptions, RunningEmulator } from '../src/index.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { enterSentCode, useGuardedBrowser, useTestApp, type GuardedBrowser, type ServerAuth, type TestApp, type TestAppOptions } from './helpers/browser.ts'

// The Frontend API as the real, unmodified clerk-js 6 and @clerk/ui drive it from Chromium: the
// prebuilt <SignUp/>, <SignIn/> and <UserButton/> on a page served from another localhost origin,
// with both bundles loaded from the emulator. Steps run in order and share one browser profile.

const EMAIL = 'ada@example.com'
const PASSWORD = 'correct-horse-battery'
// Short enough to wait out in a test, long enough that clerk-js is not refreshing continuously.
const TOKEN_TTL = 20

let emulator: RunningEmulator
let app: TestApp
let guarded: GuardedBrowser
let page: Page

async function openView(view: 'sign-in' | 'sign-up' | 'user' | 'profile'): Promise<void> {
  await page.goto(`${app.url}/?view=${view}`)
  await waitForClerk()
}

/** Resolves once the page's Clerk.load() finished and the view's component was mounted. */
async function waitForClerk(): Promise<string> {
  return page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

/** The slice of window.Clerk these tests read. */
interface ClerkWindow {
  Clerk: {
    user: { id: string, primaryEmailAddress: { emailAddress: string } | null } | null
    session: { getToken: () => Promise<string | null> } | null
  }
}

function browserUser(): Promise<{ id: string, email: string } | null> {
  return page.evaluate(() => {
    const user = (window as unknown as ClerkWindow).Clerk.user
    return user ? { id: user.id, email: user.primaryEmailAddress?.emailAddress ?? '' } : null
  })
}

function browserToken(): Promise<string | null> {
  return page.evaluate(() => (window as unknown as ClerkWindow).Clerk.session?.getToken() ?? null)
}

/** Submits with Enter: the password-strength hint appearing under the field moves the button. */
async function typePassword(value: string): Promise<void> {
  const field = page.locator('input[name=password]')
  await field.fill(value)
  await field.press('Enter')
}

/** Fills <SignUp/> (and its code step, when the instance verifies email) and waits for the signed-in landing page; the user clerk-js then holds. */
async function submitSignUp(email: string, password: string): Promise<{ id: string, email: string } | null> {
  await page.locator('input[name=emailAddress]').fill(email)
  await typePassword(password)
  if (emulator.ctx.config.emailAddress.verifyAtSignUp) await enterSentCode(page, emulator, email)
  await page.waitForURL(/view=user/)
  await waitForClerk()
  return browserUser()
}

/** Each describe gets its own emulator (options differ), app page and browser profile. */
function harness(options: Partial<EmulatorOptions>, appOptions: TestAppOptions = {}): void {
  const stack = useTestApp(options, appOptions)
  // Every step must run without console errors and without a request leaving the machine.
  const browser = useGuardedBrowser({ checkEachTest: true })
  beforeAll(() => {
    ({ emulator, app } = stack)
    guarded = browser.guarded
    page = guarded.page
  })
}

describe('clerk-js against the emulated Frontend API', () => {
  harness({ tokenTtl: TOKEN_TTL, emailVerification: false })

  it('signs up with email and password in <SignUp/> and lands signed in, with no code when email verification is off', async () => {
    await openView('sign-up')
    await page.getByText('Create your account').waitFor()
    const user = await submitSignUp(EMAIL, PASSWORD)
    expect(user?.email).toBe(EMAIL)
    await page.locator('.cl-userButtonTrigger').waitFor()

    const stored = emulator.store.data.users[user!.id]!
    expect(stored.email_addresses[0]!.email_address).toBe(EMAIL)
    expect(stored.password_digest).toMatch(/^scrypt\$/)
    expect(JSON.stringify(emulator.store.data)).not.toContain(PASSWORD)
    const sessions = Object.values(emulator.store.data.sessions).filter(s => s.user_id === user!.id)
    expect(sessions.map(s => s.status)).toEqual(['active'])
  })

  it('mints session tokens that @clerk/backend accepts, with v2 claims for the page origin', async () => {
    const jwt = await browserToken()
    expect(jwt).toBeTruthy()
    const header = decodeProtectedHeader(jwt!)
    expect(header).toMatchObject({ alg: 'RS256', kid: emulator.keys.kid, cat: 'cl_B7d4PD111AAA' })

    const claims = await verifyToken(jwt!, { jwtKey: emulator.keys.publicKeyPem, authorizedParties: [app.url] })
    const user = await browserUser()
    const session = Object.values(emulator.store.data.sessions).find(s => s.user_id === user!.id && s.status === 'active')!
    expect(claims).toMatchObject({ sub: user!.id, sid: session.id, azp: app.url, v: 2, iss: `https://${emulator.keys.frontendApiDomain}` })
    expect(claims.exp - claims.iat).toBe(TOKEN_TTL)
  })

  it('signs out from <UserButton/>', async () => {
    const user = await browserUser()
    await page.locator('.cl-userButtonTrigger').click()
    await page.locator('.cl-userButtonPopoverActionButton__signOut').click()

    await page.waitForURL(/view=sign-in/)
    await waitForClerk()
    expect(await browserUser()).toBeNull()
    const statuses = Object.values(emulator.store.data.sessions).filter(s => s.user_id === user!.id).map(s => s.status)
    expect(statuses).toEqual(['removed'])
  })

  it('shows Clerk\'s error for a wrong password in <SignIn/>, then signs in', async () => {
    await page.locator('input[name=identifier]').fill(EMAIL)
    await page.locator('input[name=identifier]').press('Enter')
    await page.locator('input[name=password]').waitFor()

    guarded.expectConsoleError(/status of 422/)
    await typePassword('not-the-password')
    // The same element and text Clerk's own integration tests check (integration/tests/sign-in-flow.test.ts).
    const feedback = page.getByTestId('form-feedback-error')
    await feedback.waitFor()
    expect(await feedback.innerText()).toBe('Password is incorrect. Try again, or use another method.')
    expect(await browserUser()).toBeNull()

    await typePassword(PASSWORD)
    await page.waitForURL(/view=user/)
    await waitForClerk()
    expect((await browserUser())?.email).toBe(EMAIL)
  })

  it('puts a metadata change into the tokens minted after it, once the old token has expired', async () => {
    const before = decodeJwt((await browserToken())!)
    expect(before.metadata).toEqual({})

    // What the app's backend does through the Backend API, applied to the shared store directly.
    const changedAt = Date.now()
    const user = emulator.store.data.users[before.sub!]!
    user.public_metadata = { onboardingComplete: true }
    user.updated_at = changedAt
    await emulator.store.commit()

    // clerk-js may refresh in the background meanwhile; whatever it holds once `before` expired
    // was minted after the change and must carry it.
    await page.waitForTimeout(Math.max(0, before.exp! * 1000 - Date.now() + 1000))
    const after = decodeJwt((await browserToken())!)
    expect(after.iat).toBeGreaterThanOrEqual(Math.floor(changedAt / 1000))
    expect(after.exp).toBeGreaterThan(before.exp!)
    expect(after.sid).toBe(before.sid)
    expect(after.metadata).toEqual({ onboardingComplete: true })
  })
})

describe('a new instance\'s email-code sign-up, its name, and <UserProfile/>', () => {
  harness({ appName: 'Acme Portal' })

  it('names the application on the sign-in card', async () => {
    await openView('sign-in')
    await page.getByRole('heading', { name: 'Sign in to Acme Portal' }).waitFor()
  })

  it('asks for the emailed code before the account exists', async () => {
    const email = 'grace@example.com'
    await openView('sign-up')
    await page.locator('input[name=emailAddress]').fill(email)
    await typePassword(PASSWORD)

    await page.getByText('Verify your email').waitFor()
    expect(Object.keys(emulator.store.data.users)).toHaveLength(0)
    const outbox = await fetch(`${emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/__emulator/emails?to=${email}`, { headers: CONTROL_HEADERS }).then(r => r.json())
    expect(outbox.data).toHaveLength(1)
    // The code field takes typed digits and submits itself once all six are in.
    await page.keyboard.type(outbox.data[0].code)

    await page.waitForURL(/view=user/)
    await waitForClerk()
    expect((await browserUser())?.email).toBe(email)
    expect(Object.values(emulator.store.data.users)[0]!.email_addresses[0]!.verified).toBe(true)
  })

  it('renames the user in <UserProfile/> and lists this device as active', async () => {
    await openView('profile')
    await page.getByText('Update profile').click()
    await page.locator('input[name=firstName]').fill('Grace')
    await page.locator('input[name=lastName]').fill('Hopper')
    await page.getByRole('button', { name: 'Save' }).click()

    await page.getByText('Grace Hopper').waitFor()
    const user = Object.values(emulator.store.data.users)[0]!
    expect([user.first_name, user.last_name]).toEqual(['Grace', 'Hopper'])
    expect(decodeJwt((await browserToken())!).firstName).toBe('Grace')

    await page.getByText('Security', { exact: true }).click()
    await page.getByText('This device').waitFor()
  })
})

describe('server-side auth through the handshake (what @clerk/nuxt\'s clerkMiddleware does)', () => {
  harness({}, { serverAuth: true })

  function serverAuth(): Promise<ServerAuth | null> {
    return page.evaluate(() => (window as unknown as { __serverAuth: ServerAuth | null }).__serverAuth)
  }

  async function cookie(name: string): Promise<string | undefined> {
    return (await guarded.context.cookies(app.url)).find(c => c.name === name)?.value
  }

  it('hands a first-time browser its dev browser before the page renders, and clerk-js adopts it', async () => {
    await openView('sign-in')
    expect(await serverAuth()).toEqual({ status: 'signed-out', userId: null })
    expect(new URL(page.url()).search).toBe('?view=sign-in') // handshake parameters stripped
    const devBrowser = await cookie('__clerk_db_jwt')
    expect(devBrowser).toMatch(/^dvb_/)
    // clerk-js found the cookie instead of asking FAPI for another dev browser.
    expect(Object.keys(emulator.store.data.devBrowsers)).toEqual([devBrowser])
  })

  it('sees the user signed in on the server after a sign-in in the browser', async () => {
    await page.getByText('Sign up').click()
    const user = await submitSignUp(EMAIL, PASSWORD)
    expect(await serverAuth()).toEqual({ status: 'signed-in', userId: user!.id })
  })

  it('refreshes a missing session cookie through the handshake', async () => {
    const user = await browserUser()
    await guarded.context.clearCookies({ name: /^__session/ }) // plain and suffixed
    expect(await cookie('__session')).toBeUndefined()
    const handshakes: string[] = []
    const onRequest = (request: Request) => {
      if (request.url().includes('/v1/client/handshake')) handshakes.push(request.url())
    }
    page.on('request', onRequest)
    await openView('user')
    page.off('request', onRequest)
    expect(handshakes).toHaveLength(1)
    expect(await serverAuth()).toEqual({ status: 'signed-in', userId: user!.id })
    expect(decodeJwt((await cookie('__session'))!).sub).toBe(user!.id)
  })
})
