import { enUS } from '@clerk/localizations/en-US'
import { describe, expect, it } from 'vitest'
import { koKRComplete } from '../../plugins/clerk-localization/ko-KR'
import { messages } from '../../shared/messages'
import { enterEmailedCode, fillSignUp, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

// A new Clerk instance verifies the email at sign-up with an emailed code: our /sign-up page
// shows Clerk's code step in the page's language, and the code leads on to onboarding.
const journey = useJourney({ emulator: { emailVerification: true } })

const LANGUAGES = [
  { locale: 'ko-KR', pack: koKRComplete, other: enUS, submit: messages.ko.onboarding.submit },
  { locale: 'en-US', pack: enUS, other: koKRComplete, submit: messages.en.onboarding.submit },
] as const

describe('journey: sign-up with the emailed code', () => {
  it.each(LANGUAGES)('in $locale: the code step, then onboarding and the dashboard', async ({ locale, pack, other, submit }) => {
    const email = uniqueEmail('email-code')
    const { page, finish } = await journey.open({ locale })
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await fillSignUp(page, email, PASSWORD)
    await page.locator('.cl-formButtonPrimary').click()
    await waitForPath(page, '/sign-up/verify-email-address')
    await expect.poll(() => page.locator('.cl-headerTitle').textContent()).toBe(pack.signUp!.emailCode!.title)
    const card = await page.locator('.cl-cardBox').innerText()
    for (const text of Object.values(other.signUp!.emailCode!)) expect(card).not.toContain(text)
    // The identity preview's edit button is labelled in the page's language too.
    expect(await page.locator('.cl-identityPreviewEditButton').getAttribute('aria-label')).toBe(pack.identityPreviewEditButton__emailAddress)
    await enterEmailedCode(page, journey.stack, email)
    await waitForPath(page, '/onboarding')
    await completeOnboarding(page, { applicationName: `코드 앱 ${locale}`, applicationType: '웹' }, { submit })
    await finish()
  })
})
