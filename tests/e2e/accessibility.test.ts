import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { messages } from '../../shared/messages'
import { seriousViolations } from './support/axe'
import { animationsSettled, screenshot } from './support/browser'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { fillOnboarding } from './support/onboarding-form'

const journey = useJourney()

async function expectAccessible(page: Page, label: string, clerkOwnMarkup: string[] = []) {
  const violations = (await seriousViolations(page)).filter(violation => !clerkOwnMarkup.includes(violation.id))
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

describe.each([
  { locale: 'ko-KR', lang: 'ko' as const, colorScheme: 'light' as const },
  { locale: 'en-US', lang: 'en' as const, colorScheme: 'light' as const },
  { locale: 'ko-KR', lang: 'ko' as const, colorScheme: 'dark' as const },
  { locale: 'en-US', lang: 'en' as const, colorScheme: 'dark' as const },
])('accessibility in $locale, $colorScheme mode', ({ locale, lang, colorScheme }) => {
  const submit = messages[lang].onboarding.submit
  it('every page, Clerk\'s account dialog included, has no serious or critical axe violations', async () => {
    const { page, finish } = await journey.open({ locale, colorScheme })
    const { appUrl } = journey.stack

    await page.goto(`${appUrl}/`)
    expect(await page.locator('html').getAttribute('lang')).toBe(lang)
    await expectAccessible(page, 'landing')

    await page.goto(`${appUrl}/sign-in`)
    await page.locator('input[name=identifier]').waitFor()
    await expectAccessible(page, 'sign-in')

    const notFound = await page.goto(`${appUrl}/this-page-does-not-exist`)
    expect(notFound?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toContain(messages[lang].errorPage.notFoundTitle)
    await expectAccessible(page, '404')

    await signUpThroughClerk(page, journey.stack, uniqueEmail(`a11y-${lang}-${colorScheme}`), PASSWORD)
    await waitForPath(page, '/onboarding')
    await expectAccessible(page, 'onboarding')
    await page.getByRole('button', { name: submit }).click()
    await page.locator('#applicationName-error').waitFor()
    await expectAccessible(page, 'onboarding with errors')
    await screenshot(page, `onboarding-errors-${lang}-${colorScheme}`)

    await fillOnboarding(page, { applicationName: 'Axe', applicationType: 'Audit' })
    await page.getByRole('button', { name: submit }).click()
    await waitForPath(page, '/dashboard')
    await page.locator('header .cl-userButtonTrigger').waitFor()
    await expectAccessible(page, 'dashboard')

    // Clerk's <UserButton/> menu and its <UserProfile/> dialog, in the same tokens.
    await page.locator('header .cl-userButtonTrigger').click()
    await page.locator('.cl-userButtonPopoverCard').waitFor()
    // axe judges contrast as painted: a popover still fading in would read as faint text.
    await animationsSettled(page)
    await expectAccessible(page, 'account menu')
    await page.locator('.cl-userButtonPopoverActionButton__manageAccount').click()
    await page.locator('.cl-userProfile-root').waitFor()
    await animationsSettled(page)
    // Clerk's modal has no accessible name and puts a role outside its required parent: its own
    // markup, which `appearance` cannot change. Everything else, colour contrast included, is held.
    await expectAccessible(page, 'account dialog', ['aria-dialog-name', 'aria-required-parent'])
    await screenshot(page, `account-dialog-${lang}-${colorScheme}`)
    await finish({ allow: [/status of 404/] })
  })
})
