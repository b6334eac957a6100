import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { METRICS_SCRIPT, pageMetrics } from '../support/page-metrics'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { completeOnboarding } from './support/onboarding-form'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'

// Nothing on our pages moves under a person's eyes (layout-shift entries as Chromium reports them,
// tests/support/page-metrics.ts): not when Clerk's components mount, not when Clerk's verdict on a
// new password appears, and no page's Cumulative Layout Shift reaches 0.1, the "good" threshold.

const journey = useJourney()

const buttonY = (page: Page) => page.locator('.cl-formButtonPrimary').evaluate(button => button.getBoundingClientRect().y)

/** Clerk's form is on screen and the page has stopped loading. */
async function settled(page: Page, input: string) {
  await page.locator(input).waitFor()
  await page.waitForLoadState('networkidle')
}

describe('layout shift', () => {
  it.each([
    { locale: 'ko-KR', width: 1100 },
    { locale: 'ko-KR', width: 360 },
    { locale: 'en-US', width: 1100 },
  ])('Clerk\'s sign-up form mounts and gives its password verdict without moving anything ($locale, $width px)', async ({ locale, width }) => {
    const { context, page, finish } = await journey.open({ locale, viewport: { width, height: 800 } })
    await context.addInitScript(METRICS_SCRIPT)
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await settled(page, 'input[name=emailAddress]')
    const before = await buttonY(page)
    await page.locator('input[name=emailAddress]').fill(uniqueEmail('shift'))
    await page.locator('input[name=password]').click()
    await page.keyboard.type(PASSWORD)
    const verdict = page.locator('.cl-formFieldSuccessText__password')
    await verdict.waitFor()
    // Clerk grows the verdict's box from 0 to its text's height: wait until it is fully open.
    await verdict.evaluate(text => new Promise<void>((resolve) => {
      const box = text.parentElement!
      const check = () => (box.clientHeight > 0 && box.clientHeight >= box.scrollHeight ? resolve() : requestAnimationFrame(check))
      check()
    }))
    expect(await buttonY(page)).toBe(before)
    // Shifts right after typing do not count toward CLS, but a person still sees them: none at all.
    expect((await pageMetrics(page)).allShifts).toBe(0)
    await finish()
  })

  it('keeps CLS under 0.1 on every page of the journey, first visits included', async () => {
    const { context, page, finish } = await journey.open()
    await context.addInitScript(METRICS_SCRIPT)
    const { appUrl } = journey.stack
    const visit = async (path: string, ready: string) => {
      await page.goto(`${appUrl}${path}`)
      await waitForPath(page, path)
      await settled(page, ready)
      const { cls, allShifts } = await pageMetrics(page)
      expect(cls, path).toBeLessThan(0.1)
      return allShifts
    }
    // Signed out, Clerk's components mount into the room their pages hold for them.
    expect(await visit('/sign-in', 'input[name=identifier]')).toBe(0)
    expect(await visit('/sign-up', 'input[name=emailAddress]')).toBe(0)
    await visit('/', 'main')
    // Through <SignUp/> and its emailed-code step, as a new Clerk instance asks.
    await signUpThroughClerk(page, journey.stack, uniqueEmail('cls'), PASSWORD)
    await waitForPath(page, '/onboarding')
    await visit('/onboarding', '#applicationName')
    await completeOnboarding(page, { applicationName: '내 앱', applicationType: 'SaaS' })
    await visit('/dashboard', 'header .cl-userButtonTrigger')
    await finish()
  })
})
