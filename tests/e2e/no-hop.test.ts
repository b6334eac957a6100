import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { enterEmailedCode, fillSignUp, waitForPath } from './support/clerk-ui'
import { ONBOARDED, PASSWORD, uniqueEmail, useJourney } from './support/fixture'

const journey = useJourney()

const pathOf = (href: string) => `${new URL(href).pathname}${new URL(href).search}`

/**
 * Every other URL the tab's main frame shows from now on, same-document navigations included
 * (Clerk's own history.replaceState of the page it is on is not a new page).
 */
function recordNavigations(page: Page): string[] {
  const start = pathOf(page.url())
  const seen: string[] = []
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && pathOf(frame.url()) !== start) seen.push(pathOf(frame.url()))
  })
  return seen
}

const historyLength = (page: Page) => page.evaluate(() => history.length)

describe('journey: after sign-in and sign-up the first page is the destination', () => {
  it('signs in from a protected page straight back to it: no /sign-in entry in between', async () => {
    const { email } = await journey.createUser('no-hop-in', ONBOARDED)
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/dashboard?tab=1`)
    await waitForPath(page, '/sign-in')
    await page.locator('input[name=identifier]').fill(email)
    await page.locator('.cl-formButtonPrimary').click()
    await page.waitForURL(url => url.pathname.endsWith('/factor-one'))
    await page.locator('input[name=password]:visible').fill(PASSWORD)

    const before = await historyLength(page)
    const seen = recordNavigations(page)
    await page.locator('.cl-formButtonPrimary').click()
    await waitForPath(page, '/dashboard')
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(ONBOARDED.applicationName)
    expect(seen).toEqual(['/dashboard?tab=1'])
    expect(await historyLength(page)).toBe(before + 1)

    // Back leaves the dashboard for the sign-in step the user came from, not for a hop.
    await page.goBack()
    await page.waitForURL(url => url.pathname !== '/dashboard')
    expect(new URL(page.url()).pathname).toBe('/sign-in/factor-one')
    await finish()
  })

  it('signs a new account up straight into onboarding: no /sign-in entry in between', async () => {
    const { page, finish } = await journey.open()
    const email = uniqueEmail('no-hop-up')
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await fillSignUp(page, email, PASSWORD)
    await page.locator('.cl-formButtonPrimary').click()
    await page.locator('input[autocomplete=one-time-code]').first().waitFor()

    const before = await historyLength(page)
    const seen = recordNavigations(page)
    await enterEmailedCode(page, journey.stack, email)
    await waitForPath(page, '/onboarding')
    await page.locator('#applicationName').waitFor()
    expect(seen).toEqual(['/onboarding'])
    expect(await historyLength(page)).toBe(before + 1)
    await finish()
  })
})
