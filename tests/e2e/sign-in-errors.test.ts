import { koKR } from '@clerk/localizations/ko-KR'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot } from './support/browser'
import { signInThroughClerk } from './support/clerk-ui'
import { uniqueEmail, useJourney } from './support/fixture'

const journey = useJourney()
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
    // ko-KR has no string for this code, so Clerk shows the Frontend API's own message.
    expect(koKR.unstable__errors?.form_password_incorrect).toBeUndefined()
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toMatch(/Password is incorrect/)
    await screenshot(page, 'sign-in-wrong-password')
    await expectSignedOut(page)
    await finish({ allow: [CLERK_422] })
  })

  it('shows Clerk\'s error for an unknown email and stays signed out', async () => {
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await page.locator('input[name=identifier]').fill(uniqueEmail('nobody'))
    await page.locator('.cl-formButtonPrimary').click()
    const error = page.locator('#error-identifier')
    // The page is Korean (the context's language), and so is Clerk's message.
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toBe(koKR.unstable__errors!.form_identifier_not_found)
    await expectSignedOut(page)
    await finish({ allow: [CLERK_422] })
  })
})
