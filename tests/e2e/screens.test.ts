import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { messages } from '../../shared/messages'
import { animationsSettled, screenshot } from './support/browser'
import { enterEmailedCode, fillSignUp, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { fillOnboarding } from './support/onboarding-form'

// Every screen of the journey in both colour schemes, on a desktop and a phone: nothing wider than
// the window, and a screenshot of each (`npm run screenshots` copies them into docs/screenshots/).

const journey = useJourney()
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } }
const SCHEMES = ['light', 'dark'] as const

/** Shoots the page in every scheme and viewport, each time checking that nothing scrolls sideways. */
async function shootEverywhere(page: Page, name: string, ready: () => Promise<unknown>): Promise<void> {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport)
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme })
      await ready()
      // Clerk's card eases into the new scheme's colours; shoot once every transition has ended.
      await animationsSettled(page)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, `${name} ${device} ${colorScheme}`).toBe(0)
      await screenshot(page, `readme-${name}-${device}-${colorScheme}`)
    }
  }
}

describe.each([
  { locale: 'ko-KR', lang: 'ko' as const, values: { applicationName: '우리 가족 가계부', applicationType: '웹 서비스' } },
  { locale: 'en-US', lang: 'en' as const, values: { applicationName: 'Family Budget', applicationType: 'Web app' } },
])('the screens in $locale', ({ locale, lang, values }) => {
  it('fit a desktop and a phone in light and dark mode', async () => {
    const { page, finish } = await journey.open({ locale })
    const { appUrl } = journey.stack
    const words = messages[lang]

    await page.goto(`${appUrl}/sign-up`)
    await shootEverywhere(page, `sign-up-${lang}`, () => page.locator('.cl-formButtonPrimary').waitFor())
    const email = uniqueEmail(`screens-${lang}`)
    await fillSignUp(page, email, PASSWORD)
    await page.locator('.cl-formButtonPrimary').click()
    await enterEmailedCode(page, journey.stack, email)
    await waitForPath(page, '/onboarding')
    await fillOnboarding(page, values)
    await shootEverywhere(page, `onboarding-${lang}`, () => page.getByTestId('applicationName-count').waitFor())
    await page.getByRole('button', { name: words.onboarding.submit }).click()
    await waitForPath(page, '/dashboard')
    await shootEverywhere(page, `dashboard-${lang}`, () => page.locator('header .cl-userButtonTrigger').waitFor())
    await finish()
  })
})
