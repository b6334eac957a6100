import { enUS } from '@clerk/localizations/en-US'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newTotpSecret, totpCode } from '../../emulator/src/totp.ts'
import { koKRComplete } from '../../plugins/clerk-localization/ko-KR'
import { signInThroughClerk, waitForPath } from './support/clerk-ui'
import { ONBOARDED, PASSWORD, uniqueEmail, useJourney } from './support/fixture'

// An instance offering an authenticator app (TOTP) as a second factor, and a user who set one up:
// the sign-in asks for its code on our /sign-in/factor-two step, in the page's language.
const journey = useJourney({ emulator: { mfa: 'on' } })
const CLERK_422 = /console error: Failed to load resource: the server responded with a status of 422/

/** A user with an authenticator app whose secret the test holds, as the user's phone would. */
async function userWithAuthenticator(label: string) {
  const email = uniqueEmail(label)
  const secret = newTotpSecret()
  await journey.clerk.users.createUser({ emailAddress: [email], password: PASSWORD, publicMetadata: ONBOARDED, totpSecret: secret })
  return { email, secret }
}

/** Types a code into the focused one-time-code field, which submits itself once all six digits are in. */
async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('input[autocomplete=one-time-code]').first().waitFor()
  await page.keyboard.type(code)
}

const LANGUAGES = [
  { locale: 'ko-KR', pack: koKRComplete, other: enUS },
  { locale: 'en-US', pack: enUS, other: koKRComplete },
] as const

describe('journey: a second factor (authenticator app) at sign-in', () => {
  it.each(LANGUAGES)('asks for the code in $locale and signs in to where the user was going', async ({ locale, pack, other }) => {
    const { email, secret } = await userWithAuthenticator('totp')
    const { page, finish } = await journey.open({ locale })
    await page.goto(`${journey.stack.appUrl}/dashboard?tab=1`)
    await waitForPath(page, '/sign-in')
    await signInThroughClerk(page, email, PASSWORD)
    await waitForPath(page, '/sign-in/factor-two')
    await expect.poll(() => page.locator('.cl-headerTitle').textContent()).toBe(pack.signIn!.totpMfa!.title)
    // Nothing of the other language's second-factor step is on the card.
    const card = await page.locator('.cl-cardBox').innerText()
    for (const text of Object.values(other.signIn!.totpMfa!)) expect(card).not.toContain(text)
    await typeCode(page, totpCode(secret))
    await waitForPath(page, '/dashboard')
    expect(new URL(page.url()).search).toBe('?tab=1')
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(ONBOARDED.applicationName)
    await finish()
  })

  it('refuses a wrong code with Clerk\'s message in Korean and stays signed out', async () => {
    const { email, secret } = await userWithAuthenticator('totp-wrong')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await signInThroughClerk(page, email, PASSWORD)
    await waitForPath(page, '/sign-in/factor-two')
    const right = totpCode(secret)
    await typeCode(page, right.replace(/^\d/, digit => String((Number(digit) + 5) % 10)))
    await expect.poll(() => page.getByText(koKRComplete.unstable__errors!.form_code_incorrect!).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(new URL(page.url()).pathname).toBe('/sign-in/factor-two')
    expect((await page.request.get(`${journey.stack.appUrl}/api/onboarding-status`)).status()).toBe(401)
    await finish({ allow: [CLERK_422] })
  })
})
