import { describe, expect, it } from 'vitest'
import { screenshot } from './support/browser'
import { signInThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, useJourney } from './support/fixture'

const journey = useJourney()

describe('journey: sign out and back in', () => {
  it('signs out through <UserButton/>, is sent to sign-in from /dashboard, and signs back in to /dashboard', async () => {
    const { email, page, finish } = await journey.signedIn('returning', { onboardingComplete: true, applicationName: '돌아온 앱', applicationType: 'CRM' })
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('돌아온 앱')

    // Signed in on the sign-in page, then led to the dashboard in-app: Clerk's strings for signed-in pages followed.
    await page.locator('header .cl-userButtonTrigger').click()
    expect(await page.locator('.cl-userButtonPopoverActionButton__signOut').textContent()).toBe('로그아웃')
    await page.locator('.cl-userButtonPopoverActionButton__signOut').click()
    await expect.poll(() => page.evaluate(() => document.cookie.includes('__session='))).toBe(false)

    await page.goto(`${journey.stack.appUrl}/dashboard`)
    await waitForPath(page, '/sign-in')
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe('/dashboard')
    await screenshot(page, 'sign-in')

    await signInThroughClerk(page, email, PASSWORD)
    await waitForPath(page, '/dashboard')
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('돌아온 앱')
    await finish()
  })
})
