import { koKR } from '@clerk/localizations/ko-KR'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { koKRComplete } from '../../plugins/clerk-localization/ko-KR'
import { messages } from '../../shared/messages'
import { screenshot } from './support/browser'
import { emailedCode, fillSignUp, signInThroughClerk } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'

// Sign-up asks for an emailed code (a new Clerk instance's default), so a wrong code can be typed.
const journey = useJourney()
const korean = koKRComplete.unstable__errors as Record<string, string>
// Chromium logs every 4xx response to the console; Clerk answers a failed attempt with 422.
const CLERK_422 = /console error: Failed to load resource: the server responded with a status of 422/

async function expectSignedOut(page: Page) {
  const status = await page.request.get(`${journey.stack.appUrl}/api/onboarding-status`)
  expect(status.status()).toBe(401)
  expect(await page.evaluate(() => document.cookie.includes('__session='))).toBe(false)
}

describe('journey: failed sign-ins', () => {
  it('shows Clerk\'s error for a wrong password and stays signed out', async () => {
    const { email } = await journey.createUser('wrong-password')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await signInThroughClerk(page, email, 'not-the-password-123')
    const error = page.locator('#error-password')
    // Clerk's ko-KR has no string for this code; ours does, so the page stays Korean.
    expect(koKR.unstable__errors?.form_password_incorrect).toBeUndefined()
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toBe(korean.form_password_incorrect)
    await screenshot(page, 'sign-in-wrong-password')
    await expectSignedOut(page)
    await finish({ allow: [CLERK_422] })
  })

  it('shows Clerk\'s error for an unknown email and stays signed out', async () => {
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    // The card names the app, as on a Clerk instance of that name (the stack names it as `npm run dev` does).
    await page.getByRole('heading', { name: koKR.signIn!.start!.title!.replace('{{applicationName}}', messages.ko.app.name) }).waitFor()
    await page.locator('input[name=identifier]').fill(uniqueEmail('nobody'))
    await page.locator('.cl-formButtonPrimary').click()
    const error = page.locator('#error-identifier')
    // The page is Korean (the context's language), and so is Clerk's message.
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toBe(koKR.unstable__errors!.form_identifier_not_found)
    await expectSignedOut(page)
    await finish({ allow: [CLERK_422] })
  })
})

describe('journey: failed sign-ups, in Korean', () => {
  it('says a taken email is taken, in Korean', async () => {
    const { email } = await journey.createUser('taken')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await fillSignUp(page, email, PASSWORD)
    await page.locator('.cl-formButtonPrimary').click()
    expect(koKR.unstable__errors?.form_identifier_exists__email_address).toBeUndefined()
    await expect.poll(() => page.locator('#error-emailAddress').textContent(), { timeout: 10_000 }).toBe(korean.form_identifier_exists__email_address)
    await finish({ allow: [CLERK_422] })
  })

  it('says a wrong emailed code is wrong, in Korean, and creates no account', async () => {
    const email = uniqueEmail('wrong-code')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await fillSignUp(page, email, PASSWORD)
    await page.locator('.cl-formButtonPrimary').click()
    await page.locator('input[autocomplete=one-time-code]').first().waitFor()
    const code = await emailedCode(journey.stack, email)
    const wrong = code.replace(/\d$/, digit => String((Number(digit) + 1) % 10))
    // The code field takes typed digits and submits itself once all six are in.
    await page.keyboard.type(wrong)
    expect(koKR.unstable__errors?.form_code_incorrect).toBeUndefined()
    await expect.poll(() => page.getByText(korean.form_code_incorrect!).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect((await journey.clerk.users.getUserList({ emailAddress: [email] })).data).toEqual([])
    await finish({ allow: [CLERK_422] })
  })
})
