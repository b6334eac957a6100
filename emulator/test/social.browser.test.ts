import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createClerkClient } from '@clerk/backend'
import type { SignUpAttempt } from '../src/attempts.ts'
import type { RunningEmulator } from '../src/index.ts'
import { seriousViolations } from '../../tests/e2e/support/axe.ts'
import { useGuardedBrowser, useTestApp, type TestApp } from './helpers/browser.ts'

// Social sign-in with the real, unmodified prebuilt UI (clerk-js 6, @clerk/ui) in Chromium, on a
// page of another localhost origin: the social buttons of <SignIn/>, the emulator's provider page,
// the sso-callback route finishing a transferable sign-in, and <UserProfile/>'s connected accounts.
// Steps run in order and share one browser profile; no request may leave the machine (the
// buttons' icons, which @clerk/ui loads from img.clerk.com, are the one known exception).

const EXISTING = 'existing-octocat@example.com'

let emulator: RunningEmulator
let app: TestApp
let page: Page

async function openView(view: 'sign-in' | 'user' | 'profile'): Promise<void> {
  await page.goto(`${app.url}/?view=${view}`)
  await page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

function browserUser(): Promise<{ id: string, email: string } | null> {
  return page.evaluate(() => {
    const user = (window as unknown as { Clerk: { user: { id: string, primaryEmailAddress: { emailAddress: string } | null } | null } }).Clerk.user
    return user ? { id: user.id, email: user.primaryEmailAddress?.emailAddress ?? '' } : null
  })
}

/** On the provider page: a new account with these details. */
async function addAccount(email: string, firstName: string, lastName: string): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('First name').fill(firstName)
  await page.getByLabel('Last name').fill(lastName)
  await page.getByRole('button', { name: 'Sign in with the new account' }).click()
}

async function signedIn(): Promise<{ id: string, email: string }> {
  await page.waitForURL(/view=user/)
  await page.locator('.cl-userButtonTrigger').waitFor()
  return (await browserUser())!
}

describe('social sign-in in the prebuilt UI', () => {
  // The app's server authenticates every page as clerkMiddleware does, handshake included.
  const stack = useTestApp({ social: ['google', 'github'] }, { serverAuth: true })
  const browser = useGuardedBrowser({ checkEachTest: true })
  beforeAll(() => {
    ({ emulator, app } = stack)
    page = browser.page
  })

  it('"Continue with Google" creates an account: provider page, sso-callback, transfer to a sign-up', async () => {
    await openView('sign-in')
    await page.locator('.cl-socialButtonsBlockButton__google').click()
    await page.waitForURL(url => url.pathname === '/oauth/google/authorize')
    await page.getByRole('heading', { name: 'Sign in with Google' }).waitFor()
    await addAccount('grace@example.com', 'Grace', 'Hopper')

    const user = await signedIn()
    expect(user.email).toBe('grace@example.com')
    const clerk = createClerkClient({ secretKey: emulator.keys.secretKey, apiUrl: emulator.env.NUXT_CLERK_API_URL })
    const stored = await clerk.users.getUser(user.id)
    expect([stored.firstName, stored.lastName, stored.passwordEnabled]).toEqual(['Grace', 'Hopper', false])
    expect(stored.externalAccounts.map(e => [e.provider, e.emailAddress, e.verification?.status])).toEqual([['oauth_google', 'grace@example.com', 'verified']])
    expect(stored.emailAddresses[0]!.verification?.strategy).toBe('from_oauth_google')
    // The sso-callback route made it: a sign-up transferred from the sign-in the provider answered.
    const signUp = Object.values(emulator.store.data.signUps).find(a => a.created_user_id === user.id) as SignUpAttempt | undefined
    expect(signUp?.external_verification?.status).toBe('verified')
  })

  it('"Continue with GitHub" signs an existing user in', async () => {
    await page.locator('.cl-userButtonTrigger').click()
    await page.locator('.cl-userButtonPopoverActionButton__signOut').click()
    await page.waitForURL(/view=sign-in/)
    const clerk = createClerkClient({ secretKey: emulator.keys.secretKey, apiUrl: emulator.env.NUXT_CLERK_API_URL })
    const existing = await clerk.users.createUser({ emailAddress: [EXISTING], password: 'correct-horse-battery', firstName: 'Mona' })

    await page.locator('.cl-socialButtonsBlockButton__github').click()
    await page.getByRole('heading', { name: 'Sign in with GitHub' }).waitFor()
    await addAccount(EXISTING, 'Mona', 'Lisa')

    const user = await signedIn()
    expect(user.id).toBe(existing.id)
    // Straight to the after-sign-in URL with the dev browser: the server's handshake saw the session.
    expect(await page.evaluate(() => (window as unknown as { __serverAuth: unknown }).__serverAuth)).toEqual({ status: 'signed-in', userId: existing.id })
    expect((await clerk.users.getUser(existing.id)).externalAccounts.map(e => e.provider)).toEqual(['oauth_github'])
  })

  it('<UserProfile/> connects a Google account and removes it; the provider page lists the accounts it has', async () => {
    await openView('profile')
    await page.getByText('Connected accounts').waitFor()
    await page.getByRole('button', { name: 'Connect account' }).click()
    await page.getByRole('menuitem', { name: /Google/ }).click()
    await page.getByRole('heading', { name: 'Sign in with Google' }).waitFor()
    // Grace's account, from the first step, is one this provider has (it belongs to Grace's user).
    await page.getByRole('button', { name: /grace@example\.com/ }).waitFor()
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      expect(await seriousViolations(page)).toEqual([])
    }
    await addAccount('mona.google@example.com', 'Mona', 'Lisa')

    await page.waitForURL(/view=profile/)
    const item = page.locator('.cl-profileSectionItem__connectedAccounts').filter({ hasText: 'mona.google@example.com' })
    await item.waitFor()
    const user = (await browserUser())!
    const connected = () => emulator.store.data.users[user.id]!.external_accounts!.map(e => [e.provider, e.status])
    expect(connected()).toEqual([['oauth_github', 'verified'], ['oauth_google', 'verified']])

    await item.getByRole('button', { name: 'Open menu' }).click()
    await page.getByRole('menuitem', { name: 'Remove' }).click()
    await page.getByRole('button', { name: 'Remove' }).click()
    await item.waitFor({ state: 'detached' })
    expect(connected()).toEqual([['oauth_github', 'verified']])
  })
})
