import { describe, expect, it } from 'vitest'
import { messages } from '../../shared/messages'
import { screenshot } from './support/browser'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

const journey = useJourney()

describe('journey: English, the switcher, and the remembered choice', () => {
  it('an English browser gets English pages, field errors, and Clerk UI', async () => {
    const { page, finish } = await journey.open({ locale: 'en-US' })
    const { appUrl } = journey.stack
    await page.goto(`${appUrl}/`)
    expect(await page.locator('h1').textContent()).toContain('Clerk sign-in and onboarding')
    await signUpThroughClerk(page, journey.stack, uniqueEmail('english'), PASSWORD)
    await waitForPath(page, '/onboarding')
    expect(await page.locator('label[for=applicationName]').textContent()).toBe('Application name')
    await page.getByRole('button', { name: messages.en.onboarding.submit }).click()
    await expect.poll(() => page.locator('#applicationName-error').textContent()).toBe('Enter the application name.')
    await completeOnboarding(page, { applicationName: 'My first app', applicationType: 'B2B SaaS' }, { submit: messages.en.onboarding.submit, shot: 'onboarding-en' })
    await page.locator('header .cl-userButtonTrigger').waitFor()
    expect(await page.locator('h1').textContent()).toContain('Dashboard')
    await screenshot(page, 'dashboard-en')

    // API errors come in the page's language too, with the same stable code: the browser's own
    // request carries its Accept-Language, as the form's does (no cookie: nothing was chosen).
    const { status, body } = await page.evaluate(async () => {
      const res = await fetch('/api/complete-onboarding', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicationName: '' }) })
      return { status: res.status, body: await res.json() }
    })
    expect(status).toBe(400)
    expect(body.data.code).toBe('validation_failed')
    expect(body.message).toBe('Please check the highlighted fields.')
    expect((await page.context().cookies()).map(cookie => cookie.name)).not.toContain('locale')
    await finish({ allow: [/status of 400/] })
  })

  it('the switcher changes the language, Clerk\'s components included, and the choice survives a reload', async () => {
    const { page, finish } = await journey.open({ locale: 'ko-KR' })
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await page.locator('input[name=identifier]').waitFor()
    expect(await page.locator('.cl-headerTitle').textContent()).not.toMatch(/Sign in/)
    await page.locator('#language').selectOption('en')
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    await expect.poll(() => page.locator('.cl-headerTitle').textContent()).toMatch(/Sign in/)
    expect(await page.locator('header').textContent()).toContain('Sign up')
    await page.reload()
    await page.locator('input[name=identifier]').waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await expect.poll(() => page.locator('.cl-headerTitle').textContent()).toMatch(/Sign in/)
    await finish()
  })
})
