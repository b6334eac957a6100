import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { messages } from '../../shared/messages'
import { screenshot } from './support/browser'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { ONBOARDED, PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

const journey = useJourney()
const PHONE = { width: 390, height: 844 }

/** A CSS colour as the screen paints it, [r, g, b, a]: relative-colour and var() spellings compare equal. */
async function painted(locator: Locator, property: 'backgroundColor' | 'color'): Promise<number[]> {
  return locator.evaluate((element, name) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 1
    const context = canvas.getContext('2d')!
    context.fillStyle = getComputedStyle(element)[name]
    context.fillRect(0, 0, 1, 1)
    return [...context.getImageData(0, 0, 1, 1).data]
  }, property)
}

/** The header's height, and whether everything in it sits on one row. */
async function headerShape(page: Page): Promise<{ height: number, oneRow: boolean }> {
  return page.locator('header').evaluate((header) => {
    const items = [...header.querySelectorAll('nav > *, nav > * > *')].map(item => item.getBoundingClientRect()).filter(box => box.height > 0)
    // One row: a horizontal line crosses every item.
    return { height: header.getBoundingClientRect().height, oneRow: Math.max(...items.map(box => box.top)) < Math.min(...items.map(box => box.bottom)) }
  })
}

describe('one app: Clerk\'s screens and ours share the design tokens', () => {
  it.each(['light', 'dark'] as const)('Clerk\'s primary button and card have our colours in %s mode', async (colorScheme) => {
    const { page, finish } = await journey.open({ colorScheme })
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    const clerkButton = page.locator('.cl-formButtonPrimary')
    await clerkButton.waitFor()
    const ourButton = page.locator('header a[href="/sign-up"]')
    expect(await painted(clerkButton, 'backgroundColor')).toEqual(await painted(ourButton, 'backgroundColor'))
    expect(await painted(clerkButton, 'color')).toEqual(await painted(ourButton, 'color'))
    expect(await painted(page.locator('.cl-card'), 'backgroundColor')).toEqual(await painted(page.locator('header'), 'backgroundColor'))
    await screenshot(page, `sign-in-${colorScheme}`)
    await finish()
  })
})

describe('one app: the language is right from the first byte', () => {
  it.each([['en', 'en-US,en;q=0.9'], ['ko', 'ko-KR,ko;q=0.9'], ['ko', 'fr-FR']])('marks %s selected in the server\'s HTML for Accept-Language %s', async (chosen, acceptLanguage) => {
    const html = await (await fetch(`${journey.stack.appUrl}/`, { headers: { 'accept-language': acceptLanguage } })).text()
    const selected = [...html.matchAll(/<option\b[^>]*>/g)].map(match => match[0]).filter(tag => /\sselected(?=[\s>=])/.test(tag))
    expect(selected).toHaveLength(1)
    expect(selected[0]).toContain(`value="${chosen}"`)
  })
})

describe('one app: a header that fits the visitor', () => {
  it.each(['ko-KR', 'en-US'])('signed out in %s: one row at 390 px, no link to the page itself', async (locale) => {
    const { page, finish } = await journey.open({ viewport: PHONE, locale })
    const { appUrl } = journey.stack
    await page.goto(`${appUrl}/`)
    expect(await headerShape(page)).toEqual({ height: 57, oneRow: true })
    await page.goto(`${appUrl}/sign-up`)
    await page.locator('input[name=emailAddress]').waitFor()
    expect(await page.locator('header a[href="/sign-up"]').count()).toBe(0)
    expect(await page.locator('header a[href="/sign-in"]').count()).toBe(1)
    await page.goto(`${appUrl}/sign-in`)
    await page.locator('input[name=identifier]').waitFor()
    expect(await page.locator('header a[href="/sign-in"]').count()).toBe(0)
    expect(await headerShape(page)).toEqual({ height: 57, oneRow: true })
    await finish()
  })

  it('signed in: the same height on one row, and the dashboard link only once onboarded, off the dashboard', async () => {
    const { page, finish } = await journey.signedIn('header', {}, '/onboarding')
    await page.setViewportSize(PHONE)
    await page.locator('header .cl-userButtonTrigger').waitFor()
    expect(await page.locator('header a[href="/dashboard"]').count()).toBe(0)
    expect(await headerShape(page)).toEqual({ height: 57, oneRow: true })
    await completeOnboarding(page, { applicationName: '헤더 앱', applicationType: '웹' })
    expect(await page.locator('header a[href="/dashboard"]').count()).toBe(0)
    expect(await headerShape(page)).toEqual({ height: 57, oneRow: true })
    await page.locator('header a[href="/"]').click()
    await waitForPath(page, '/')
    await page.locator('header a[href="/dashboard"]').waitFor()
    expect(await headerShape(page)).toEqual({ height: 57, oneRow: true })
    await finish()
  })
})

describe('one app: the onboarding form and the dashboard', () => {
  it('counts characters as the schema does while typing, and shows the limit passed before submitting', async () => {
    const { page, finish } = await journey.open({ locale: 'ko-KR' })
    await signUpThroughClerk(page, journey.stack, uniqueEmail('count'), PASSWORD)
    await waitForPath(page, '/onboarding')
    const count = page.getByTestId('applicationName-count')
    expect(await count.textContent()).toBe('0/100자')
    await page.locator('#applicationName').pressSequentially('가족 ')
    expect(await count.textContent()).toBe('2/100자')
    await page.locator('#applicationName').fill('👨‍👩‍👧‍👦'.repeat(100))
    expect(await count.textContent()).toBe('100/100자')
    expect(await page.locator('#applicationName-limit').textContent()).toBe('')
    await page.locator('#applicationName').press('x')
    expect(await count.textContent()).toBe('101/100자')
    expect(await page.locator('#applicationName-limit').textContent()).toBe(messages.ko.form.overLimit.replace('{max}', '100'))
    expect(await page.locator('#applicationName').getAttribute('aria-invalid')).toBe('true')
    await finish()
  })

  it('wraps long values at word boundaries inside the card on a phone, with the edit action in the card and a notice that fades', async () => {
    const longName = `${'Internationalization '.repeat(4)}${'x'.repeat(80)}`
    const { page, finish } = await journey.signedIn('wrap', { ...ONBOARDED, applicationName: longName })
    await page.setViewportSize(PHONE)
    const values = page.locator('[data-testid=application-info] dd')
    await expect.poll(() => values.first().textContent()).toContain(longName)
    for (const value of await values.all()) {
      const style = await value.evaluate(element => ({ wordBreak: getComputedStyle(element).wordBreak, overflowWrap: getComputedStyle(element).overflowWrap, overflows: element.scrollWidth > element.clientWidth }))
      expect(style).toEqual({ wordBreak: 'normal', overflowWrap: 'anywhere', overflows: false })
    }
    const card = page.locator('.card', { has: page.getByTestId('application-info') })
    const edit = card.getByRole('button', { name: messages.ko.dashboard.edit })
    expect(await edit.isVisible()).toBe(true)
    await screenshot(page, 'dashboard-long-phone')

    await edit.click()
    await page.locator('#applicationName').fill('짧은 이름')
    await page.getByRole('button', { name: messages.ko.dashboard.save, exact: true }).click()
    const notice = card.getByRole('status')
    await expect.poll(() => notice.textContent()).toBe(messages.ko.dashboard.saved)
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toBe('')
    await finish()
  })
})
