import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, trailOf } from './browser'

/**
 * Fills Clerk's prebuilt <SignUp/> (email + a password Clerk accepts) and waits for the form to
 * settle: Clerk gives its verdict on the password a moment after typing stops (debounced, and
 * again on blur), as a line under the field (the sign-up page keeps room for it, so the submit
 * button stays where it is: layout-shift.test.ts).
 */
export async function fillSignUp(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name=emailAddress]').fill(email)
  await page.locator('input[name=password]').fill(password)
  await page.locator('.cl-formFieldSuccessText__password').waitFor()
}

/** Fills Clerk's prebuilt <SignUp/> and submits it. */
export async function signUpThroughClerk(page: Page, appUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${appUrl}/sign-up`)
  await fillSignUp(page, email, password)
  await page.locator('.cl-formButtonPrimary').click()
}

/** Clerk's prebuilt <SignIn/>: identifier first, then the password step. */
export async function signInThroughClerk(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name=identifier]').fill(email)
  await page.locator('.cl-formButtonPrimary').click()
  // The first step keeps a hidden password input for autofill; wait for the real second step.
  await page.waitForURL(url => url.pathname.endsWith('/factor-one'))
  await page.locator('input[name=password]:visible').fill(password)
  await page.locator('.cl-formButtonPrimary').click()
}

/** Waits for the page to reach `path`; a generous bound, since CI runs the load tests beside the journeys. */
export async function waitForPath(page: Page, path: string, timeout = 45_000): Promise<void> {
  try {
    await page.waitForURL(url => url.pathname === path, { timeout })
  }
  catch (error) {
    // Where the page got stuck, and what it did on the way, say more than the timeout does.
    await screenshot(page, `stuck-${Date.now()}`).catch(() => {})
    throw new Error(`expected ${path}, still at ${page.url()}; the page's trail:\n${trailOf(page).join('\n')}`, { cause: error })
  }
  expect(new URL(page.url()).pathname).toBe(path)
}
