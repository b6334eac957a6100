import { describe, expect, it } from 'vitest'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

// A Clerk instance whose "Customize session token" template lacks {"metadata": "{{user.public_metadata}}"}.
const journey = useJourney({ emulator: { sessionClaims: { firstName: '{{user.first_name}}' } } })
const TOLD = /no "metadata" claim.*Sessions → Customize session token/

describe('journey: a Clerk instance whose session tokens carry no metadata claim', () => {
  it('signs up, onboards, reaches the dashboard and reloads it without looping back to the form', async () => {
    const { page, finish } = await journey.open()
    const { appUrl } = journey.stack
    const told: string[] = []
    page.on('console', (message) => {
      if (TOLD.test(message.text())) told.push(message.text())
    })

    await signUpThroughClerk(page, journey.stack, uniqueEmail('claimless'), PASSWORD)
    await waitForPath(page, '/onboarding')
    // Server-rendered, a new user is still sent to the form.
    await page.goto(`${appUrl}/dashboard`)
    await waitForPath(page, '/onboarding')

    const visited: string[] = []
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname)
    })
    await completeOnboarding(page, { applicationName: '클레임 없는 앱', applicationType: 'B2B SaaS' })
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('클레임 없는 앱')

    // The reload is decided on the server from Clerk's Backend API, then hydrated with that answer.
    await page.reload()
    await waitForPath(page, '/dashboard')
    await page.locator('header .cl-userButtonTrigger').waitFor()
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('클레임 없는 앱')
    await page.goto(`${appUrl}/onboarding`)
    await waitForPath(page, '/dashboard')
    await page.locator('header .cl-userButtonTrigger').waitFor()
    expect(new URL(page.url()).pathname).toBe('/dashboard')
    // From the first /dashboard on, the form never showed again, not even for a moment.
    expect(visited).toContain('/dashboard')
    expect(visited.slice(visited.indexOf('/dashboard'))).not.toContain('/onboarding')

    // A development instance says what is missing in the browser console (once per page load).
    expect(told.length).toBeGreaterThan(0)
    expect(journey.stack.logs().split('\n').filter(line => line.includes('Customize session token'))).toHaveLength(1)
    await finish({ allow: [TOLD] })
  })
})
