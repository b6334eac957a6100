import { createClerkClient } from '@clerk/backend'
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { totpCode } from '../src/index.ts'
import { useGuardedBrowser, useTestApp } from './helpers/browser.ts'

// Two-step verification with the real prebuilt UI (clerk-js 6 + @clerk/ui) on --mfa on: an
// authenticator app set up in <UserProfile/> (the test is the app: it reads the secret the page
// shows and computes the codes), then one <SignIn/> finished with a TOTP code and one with a
// backup code from the list <UserProfile/> showed. Steps run in order in one browser profile.

const EMAIL = 'mina@example.com'
const PASSWORD = 'correct-horse-battery'

const stack = useTestApp({ mfa: 'on' })
const browser = useGuardedBrowser({ checkEachTest: true })
let secret = ''
let backupCodes: string[] = []

async function openView(view: 'sign-in' | 'profile'): Promise<void> {
  await browser.page.goto(`${stack.app.url}/?view=${view}`)
  await browser.page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

/** The signed-in session's current token claims, as clerk-js holds them. */
async function sessionClaims() {
  const jwt = await browser.page.evaluate(() => (window as unknown as { Clerk: { session: { getToken: () => Promise<string> } | null } }).Clerk.session?.getToken() ?? null)
  return jwt ? decodeJwt(jwt) : null
}

/** Waits for <SignIn/>'s redirect to the signed-in page and for Clerk to load there. */
async function landSignedIn(): Promise<void> {
  await browser.page.waitForURL(/view=user/)
  await browser.page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

async function signOut(): Promise<void> {
  await browser.page.evaluate(() => (window as unknown as { Clerk: { signOut: () => Promise<void> } }).Clerk.signOut())
}

/** <SignIn/>'s email and password steps. */
async function submitPassword(): Promise<void> {
  await openView('sign-in')
  const page = browser.page
  await page.locator('input[name=identifier]').fill(EMAIL)
  await page.locator('input[name=identifier]').press('Enter')
  await page.locator('input[name=password]').fill(PASSWORD)
  await page.locator('input[name=password]').press('Enter')
}

// Selectors that hold in every language the UI is localized to (an app's own journeys may not be in English).
const CODE_FIELD = 'input[autocomplete="one-time-code"]'
const ANOTHER_METHOD = '.cl-footerAction__alternativeMethods .cl-footerActionLink'

/** A user with two-step verification lands on its code step after the password. */
async function signInWithPassword(): Promise<void> {
  await submitPassword()
  await browser.page.waitForURL(/#\/factor-two$/)
  await browser.page.getByRole('heading', { name: 'Two-step verification' }).waitFor()
}

/** From the code step to the backup-code form: "Use another method", then "Use a backup code" (listed last). */
async function chooseBackupCode(): Promise<void> {
  await browser.page.locator(ANOTHER_METHOD).click()
  await browser.page.locator('.cl-alternativeMethodsBlockButton').last().click()
}

describe('two-step verification in the prebuilt UI', () => {
  it('sets up an authenticator app in <UserProfile/>', async () => {
    const { emulator } = stack
    const clerk = createClerkClient({ secretKey: emulator.keys.secretKey, apiUrl: emulator.env.NUXT_CLERK_API_URL })
    await clerk.users.createUser({ emailAddress: [EMAIL], password: PASSWORD })
    await submitPassword()
    await landSignedIn()
    const page = browser.page

    await openView('profile')
    await page.getByText('Security', { exact: true }).click()
    await page.getByRole('button', { name: 'Add two-step verification' }).click()
    await page.getByText('Authenticator application').click()
    await page.getByText('Can’t scan QR code?').click()
    // The key the page offers to copy into an authenticator app.
    secret = await page.locator('input[readonly]').first().inputValue()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    await page.getByRole('button', { name: 'Continue' }).click()

    // The code field submits itself once all six digits are in.
    await page.getByLabel('Enter verification code').pressSequentially(totpCode(secret))
    await page.getByText('Two-step verification is now enabled.', { exact: false }).waitFor()
    // Each code shows twice: in the list and in its printable copy.
    backupCodes = [...new Set(await page.getByText(/^[a-z0-9]{8}$/).allInnerTexts())]
    expect(backupCodes).toHaveLength(10)
    await page.getByRole('button', { name: 'Finish' }).click()
    await page.getByRole('heading', { name: 'Add authenticator application' }).first().waitFor({ state: 'hidden' })
    await page.getByText('Authenticator application', { exact: true }).waitFor()

    const user = Object.values(emulator.store.data.users)[0]!
    expect(user.totp?.secret).toBe(secret)
    expect(user.backup_codes?.digests).toHaveLength(10)
  })

  it('signs in with a code from the authenticator app; the token counts both factors', async () => {
    await signOut()
    await signInWithPassword()
    await browser.page.locator(CODE_FIELD).pressSequentially(totpCode(secret))
    await landSignedIn()
    expect((await sessionClaims())?.fva).toEqual([0, 0])
  })

  it('signs in with a backup code, which works once', async () => {
    const page = browser.page
    await signOut()
    await signInWithPassword()
    await chooseBackupCode()
    await page.locator('input[name=code]').fill(backupCodes[0]!)
    await page.locator('input[name=code]').press('Enter')
    await landSignedIn()
    expect((await sessionClaims())?.fva).toEqual([0, 0])

    await signOut()
    await signInWithPassword()
    await chooseBackupCode()
    browser.guarded.expectConsoleError(/status of 422/)
    await page.locator('input[name=code]').fill(backupCodes[0]!)
    await page.locator('input[name=code]').press('Enter')
    const feedback = page.getByTestId('form-feedback-error')
    await feedback.waitFor()
    expect(await feedback.innerText()).toBe('Incorrect code')
    expect(await sessionClaims()).toBeNull()
  })
})
