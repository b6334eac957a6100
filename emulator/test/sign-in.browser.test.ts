import { createClerkClient } from '@clerk/backend'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useGuardedBrowser, useTestApp } from './helpers/browser.ts'
import { PASSWORD, uniqueEmail } from './helpers/emulator.ts'

// Sign-in journeys of the real <SignIn/> (clerk-js 6 + @clerk/ui) beyond email and password.

// Users sign in with an email address or a username (--identifiers email,username).
const stack = useTestApp({ identifiers: { email_address: 'required', username: 'optional' } })
const browser = useGuardedBrowser({ checkEachTest: true })

const appReady = (page: Page) => page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)

async function openSignIn(page: Page): Promise<void> {
  await page.goto(`${stack.app.url}/?view=sign-in`)
  await appReady(page)
}

/** The user clerk-js holds once the page it landed on has loaded Clerk. */
async function signedInUserId(page: Page): Promise<string | null> {
  await page.waitForURL(/view=user/)
  await appReady(page)
  return page.evaluate(() => (window as unknown as { Clerk: { user: { id: string } | null } }).Clerk.user?.id ?? null)
}

async function createUser(label: string, extra: Record<string, unknown> = {}) {
  const clerk = createClerkClient({ secretKey: stack.emulator.keys.secretKey, apiUrl: stack.emulator.env.NUXT_CLERK_API_URL })
  const email = uniqueEmail(label)
  return { email, user: await clerk.users.createUser({ emailAddress: [email], password: PASSWORD, ...extra }) }
}

describe('<SignIn/>', () => {
  it('signs in with a username and the password, the field asking for either', async () => {
    const { user } = await createUser('username', { username: 'goalie_31' })
    await openSignIn(browser.page)
    await browser.page.getByLabel('Email address or username').fill('goalie_31')
    await browser.page.locator('input[name=identifier]').press('Enter')
    await browser.page.locator('input[name=password]:visible').fill(PASSWORD)
    await browser.page.locator('input[name=password]:visible').press('Enter')
    expect(await signedInUserId(browser.page)).toBe(user.id)
    await browser.page.evaluate(() => (window as unknown as { Clerk: { signOut: () => Promise<void> } }).Clerk.signOut())
  })

  it('in a second tab opened before the first signed in, recovers from session_exists and lands signed in', async () => {
    const { email, user } = await createUser('tabs')
    const second = browser.page
    const first = await browser.guarded.context.newPage()
    await openSignIn(second)
    await openSignIn(first)

    await first.locator('input[name=identifier]').fill(email)
    await first.locator('input[name=identifier]').press('Enter')
    await first.locator('input[name=password]:visible').fill(PASSWORD)
    await first.locator('input[name=password]:visible').press('Enter')
    await first.waitForURL(/view=user/)

    // The second tab's client still has no session: its sign-in is refused with the client that has one.
    browser.guarded.expectConsoleError(/status of 400/)
    await second.locator('input[name=identifier]').fill(email)
    await second.locator('input[name=identifier]').press('Enter')
    expect(await signedInUserId(second)).toBe(user.id)
    await first.close()
  })
})
