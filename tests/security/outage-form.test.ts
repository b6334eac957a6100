import { describe, expect, it } from 'vitest'
import { signUpThroughClerk, waitForPath } from '../e2e/support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from '../e2e/support/fixture'

// In the browser, under the production Content Security Policy: when Clerk's Backend API is down
// the onboarding form says so and keeps the input; once Clerk is back the same submit succeeds.

const journey = useJourney()

describe('onboarding form during a Clerk outage', () => {
  it('shows a retryable error, stays on the form, and succeeds on retry once Clerk is back', async () => {
    const { page, finish } = await journey.open()
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', event =>
        (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`))
    })
    await signUpThroughClerk(page, journey.stack, uniqueEmail('outage'), PASSWORD)
    await waitForPath(page, '/onboarding')

    const [rule] = journey.stack.emulator.setFaults([{ method: 'PATCH', path: '/bapi/v1/users/:id/metadata', status: 503, retryAfter: 1 }])
    await page.locator('#applicationName').fill('장애 중 앱')
    await page.locator('#applicationType').fill('SaaS')
    await page.locator('form button[type=submit]').click()
    const error = page.getByTestId('form-error')
    await error.waitFor({ timeout: 15_000 })
    expect((await error.textContent())?.trim()).toBeTruthy()
    expect(rule!.hits).toBe(3)
    expect(new URL(page.url()).pathname).toBe('/onboarding')
    expect(await page.locator('#applicationName').inputValue()).toBe('장애 중 앱')

    journey.stack.emulator.clearFaults()
    await page.locator('form button[type=submit]').click()
    await waitForPath(page, '/dashboard')
    const user = (await journey.clerk.users.getUserList({ query: 'outage' })).data[0]!
    expect(user.publicMetadata).toMatchObject({ onboardingComplete: true, applicationName: '장애 중 앱' })
    // Nothing Clerk or the app needs was blocked. A refused eval is the policy working: zod probes
    // for it (`try { Function('') }`) and falls back to its interpreter.
    expect(violations.filter(violation => !violation.startsWith('script-src eval '))).toEqual([])
    // The browser logs the 503 it received; nothing else may appear.
    await finish({ allow: [/status of 503/] })
  })
})
