import { describe, expect, it } from 'vitest'
import { messages } from '../../shared/messages'
import { screenshot } from './support/browser'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding, fillOnboarding } from './support/onboarding-form'

const journey = useJourney()

describe('journey: sign up, onboard, use the dashboard', () => {
  it('walks sign-up -> onboarding -> dashboard -> reload, with the gate holding at every step', async () => {
    const { page, finish } = await journey.open()
    const { appUrl } = journey.stack

    await signUpThroughClerk(page, journey.stack, uniqueEmail('journey'), PASSWORD)
    await waitForPath(page, '/onboarding')

    // Typing /dashboard in the address bar (a server-rendered request) returns to onboarding.
    await page.goto(`${appUrl}/dashboard`)
    await waitForPath(page, '/onboarding')

    // Invalid input shows the Korean field errors and sends nothing.
    let posts = 0
    page.on('request', (request) => {
      if (request.url().endsWith('/api/complete-onboarding')) posts++
    })
    await fillOnboarding(page, { applicationName: '   ', applicationType: 'x'.repeat(51) })
    await page.getByRole('button', { name: messages.ko.onboarding.submit }).click()
    await expect.poll(() => page.locator('#applicationName-error').textContent()).toBe('애플리케이션 이름을 입력해 주세요.')
    expect(await page.locator('#applicationType-error').textContent()).toContain('50자 이하')
    expect(await page.locator('#applicationName').getAttribute('aria-invalid')).toBe('true')
    expect(posts).toBe(0)
    await screenshot(page, 'onboarding-errors')

    await completeOnboarding(page, { applicationName: '내 첫 번째 앱', applicationType: 'B2B SaaS' }, { shot: 'onboarding' })
    expect(await page.getByTestId('application-type').textContent()).toContain('B2B SaaS')
    expect(posts).toBe(1)

    // An immediate reload stays: the server sees the fresh token, not the pre-onboarding one.
    await page.reload()
    await waitForPath(page, '/dashboard')
    expect(await page.getByTestId('application-name').textContent()).toContain('내 첫 번째 앱')
    await page.locator('header .cl-userButtonTrigger').waitFor()
    await screenshot(page, 'dashboard')

    // Onboarded users who open the form go to the dashboard.
    await page.goto(`${appUrl}/onboarding`)
    await waitForPath(page, '/dashboard')

    await finish()
  })
})
