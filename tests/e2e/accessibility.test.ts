import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { messages } from '../../shared/messages'
import { seriousViolations } from './support/axe'
import { screenshot } from './support/browser'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { fillOnboarding } from './support/onboarding-form'

const journey = useJourney()

async function expectAccessible(page: Page, label: string) {
  const violations = await seriousViolations(page)
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

describe.each([
  { locale: 'ko-KR', lang: 'ko', submit: '제출' },
  { locale: 'en-US', lang: 'en', submit: 'Submit' },
])('accessibility in $locale', ({ locale, lang, submit }) => {
  it('every page has no serious or critical axe violations', async () => {
    const { page, finish } = await journey.open({ locale })
    const { appUrl } = journey.stack

    await page.goto(`${appUrl}/`)
    expect(await page.locator('html').getAttribute('lang')).toBe(lang)
    await expectAccessible(page, 'landing')

    await page.goto(`${appUrl}/sign-in`)
    await page.locator('input[name=identifier]').waitFor()
    await expectAccessible(page, 'sign-in')

    const notFound = await page.goto(`${appUrl}/this-page-does-not-exist`)
    expect(notFound?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toContain(messages[lang as 'ko' | 'en'].errorPage.notFoundTitle)
    await expectAccessible(page, '404')

    await signUpThroughClerk(page, journey.stack, uniqueEmail(`a11y-${lang}`), PASSWORD)
    await waitForPath(page, '/onboarding')
    await expectAccessible(page, 'onboarding')
    await page.getByRole('button', { name: submit }).click()
    await page.locator('#applicationName-error').waitFor()
    await expectAccessible(page, 'onboarding with errors')
    await screenshot(page, `onboarding-errors-${lang}`)

    await fillOnboarding(page, { applicationName: 'Axe', applicationType: 'Audit' })
    await page.getByRole('button', { name: submit }).click()
    await waitForPath(page, '/dashboard')
    await page.locator('header .cl-userButtonTrigger').waitFor()
    await expectAccessible(page, 'dashboard')
    await finish({ allow: [/status of 404/] })
  })
})
