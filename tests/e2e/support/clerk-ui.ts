import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { CONTROL_HEADERS } from '../../../emulator/test/helpers/control.ts'
import type { Stack } from '../../support/stack'
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

async function newestCode(stack: Stack, email: string): Promise<string | null> {
  const res = await fetch(`${stack.emulator.url}/__emulator/emails?to=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS })
  const outbox = await res.json() as { data: Array<{ code: string | null }> }
  return outbox.data[0]?.code ?? null
}

/**
 * The newest code the emulator emailed to `email`, from its outbox (what the console shows); waits
 * for it, since <SignUp/> shows its code step before its prepare call has answered.
 */
export async function emailedCode(stack: Stack, email: string): Promise<string> {
  await expect.poll(() => newestCode(stack, email), { timeout: 15_000 }).not.toBeNull()
  return (await newestCode(stack, email))!
}

/** <SignUp/>'s "Verify your email" step: types the emailed code into the focused code field, which submits itself. */
export async function enterEmailedCode(page: Page, stack: Stack, email: string): Promise<void> {
  await page.locator('input[autocomplete=one-time-code]').first().waitFor()
  await page.keyboard.type(await emailedCode(stack, email))
}

/** Fills Clerk's prebuilt <SignUp/>, submits it and enters the emailed code, as a new Clerk instance asks. */
export async function signUpThroughClerk(page: Page, stack: Stack, email: string, password: string): Promise<void> {
  await page.goto(`${stack.appUrl}/sign-up`)
  await fillSignUp(page, email, password)
  await page.locator('.cl-formButtonPrimary').click()
  await enterEmailedCode(page, stack, email)
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

/**
 * A host clerk-js's default allow-list accepts: `https://*.<instance domain without "clerk.">`,
 * the instance domain read from the publishable key. Another localhost port would prove nothing,
 * because clerk-js refuses other origins by itself.
 */
export function hostClerkWouldAccept(stack: Stack): string {
  const key = stack.emulator.env.NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY!
  const frontendApi = Buffer.from(key.replace(/^pk_(test|live)_/, ''), 'base64').toString().replace(/\$$/, '')
  return `owned.${frontendApi.replace('clerk.', '')}`
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
