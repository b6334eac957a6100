import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { enterEmailedCode, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'

const journey = useJourney()

/** Presses Tab until `selector` has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(s => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${selector} never received focus within ${max} Tab presses`)
}

describe('journey: keyboard only', () => {
  it('signs up, onboards and reaches the dashboard without a mouse', async () => {
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await page.locator('input[name=emailAddress]').waitFor()

    const email = uniqueEmail('keyboard')
    await tabTo(page, 'input[name=emailAddress]')
    await page.keyboard.type(email)
    await tabTo(page, 'input[name=password]')
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press('Enter')
    // The code step focuses its field: the code is typed, nothing clicked.
    await enterEmailedCode(page, journey.stack, email)
    await waitForPath(page, '/onboarding')

    // The first Tab from the top of the page reaches the skip link, which jumps to the content.
    await page.locator('#applicationName').waitFor()
    await tabTo(page, 'a[href="#main"]')
    await tabTo(page, '#applicationName')
    await page.keyboard.press('Enter')
    // An empty submit moves focus to the first invalid field and links its error.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('applicationName')
    // The check runs once the form's schema has loaded, so the error is linked a moment later.
    await expect.poll(() => page.locator('#applicationName').getAttribute('aria-describedby')).toContain('applicationName-error')

    await page.keyboard.type('키보드 앱')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('applicationType')
    await page.keyboard.type('접근성')
    await page.keyboard.press('Enter')
    await waitForPath(page, '/dashboard')
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('키보드 앱')

    // Focus is visible: the focused control draws a ring or outline.
    await tabTo(page, 'header a')
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!)
      return style.outlineStyle !== 'none' || style.boxShadow !== 'none'
    })
    expect(outline).toBe(true)
    await finish()
  })
})
