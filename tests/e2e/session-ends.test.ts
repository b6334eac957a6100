import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SESSION_CHECK_MS } from '../../composables/useSessionWatch'
import { signInThroughClerk, waitForPath } from './support/clerk-ui'
import { ONBOARDED, PASSWORD, useJourney } from './support/fixture'

// Tokens outlive the file, so clerk-js never refreshes one here: only the app's own session check
// (and clerk-js's cross-tab sign-out message) can notice that a session ended.
const journey = useJourney({ emulator: { tokenTtl: 3600 } })
// Chromium logs a 401 from the Frontend API when clerk-js asks about an ended session.
const ENDED_SESSION_401 = /console error: Failed to load resource: the server responded with a status of 401/

async function signedInDashboard(page: Page, email: string) {
  await journey.signIn(page, email)
  await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(ONBOARDED.applicationName)
}

/** On the sign-in page with the dashboard as return path, and nothing of the dashboard left. */
async function expectLeftForSignIn(page: Page) {
  await waitForPath(page, '/sign-in')
  expect(new URL(page.url()).searchParams.get('redirect_url')).toBe('/dashboard')
  expect(await page.getByTestId('application-info').count()).toBe(0)
  expect(await page.locator('#applicationName').count()).toBe(0)
  expect(await page.content()).not.toContain(ONBOARDED.applicationName)
}

describe('journey: protected pages follow the session', () => {
  it('a sign-out in a second tab takes the first tab off the dashboard and says its edit was not saved', async () => {
    const { email } = await journey.createUser('two-tabs', ONBOARDED)
    const { context, page, finish } = await journey.open()
    await signedInDashboard(page, email)
    await page.getByRole('button', { name: '수정' }).click()
    await page.locator('#applicationName').fill('저장하지 않은 이름')

    const second = await context.newPage()
    await second.goto(`${journey.stack.appUrl}/dashboard`)
    await second.locator('header .cl-userButtonTrigger').click()
    await second.locator('.cl-userButtonPopoverActionButton__signOut').click()

    await expectLeftForSignIn(page)
    await expect.poll(() => page.getByTestId('unsaved-edit-notice').textContent()).toBe('로그아웃되어 변경 사항을 저장하지 못했어요. 다시 로그인한 뒤 입력해 주세요.')
    expect(await page.content()).not.toContain('저장하지 않은 이름')
    await finish()
  })

  it(`a revoke from <UserProfile/> on another device takes the dashboard away within one check (${SESSION_CHECK_MS / 1000} s)`, async () => {
    const { id: userId, email } = await journey.createUser('revoked', ONBOARDED)
    const watched = await journey.open()
    // The watched tab runs on a clock the test moves: no wait for real seconds, and a bound that
    // holds however slow the machine is.
    await watched.context.clock.install()
    await signedInDashboard(watched.page, email)

    const other = await journey.open({ locale: 'en-US' })
    await other.page.goto(`${journey.stack.appUrl}/sign-in`)
    await signInThroughClerk(other.page, email, PASSWORD)
    await waitForPath(other.page, '/dashboard')
    await other.page.locator('header .cl-userButtonTrigger').click()
    await other.page.locator('.cl-userButtonPopoverActionButton__manageAccount').click()
    await other.page.locator('.cl-navbarButton__security').click()
    const device = other.page.locator('.cl-activeDeviceListItem').filter({ hasNotText: 'This device' })
    await device.locator('.cl-menuButton, button[aria-label="Open menu"]').first().click()

    await watched.page.clock.pauseAt(Date.now() + 1000)
    await other.page.getByRole('menuitem', { name: 'Sign out of device' }).click()
    await expect.poll(async () => (await journey.clerk.sessions.getSessionList({ userId, status: 'revoked' })).data.length).toBe(1)

    // Page time stands still from before the revoke, and tokens live an hour: nothing but the app's
    // session check can notice. Moving page time on by one check interval sends that check...
    let checks = 0
    watched.page.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname.includes('/v1/client/sessions/')) checks++
    })
    await watched.page.clock.runFor(SESSION_CHECK_MS)
    await expect.poll(() => checks).toBeGreaterThan(0)
    // ...and its answer takes the page to sign-in (Nuxt's navigation needs its timers running).
    await watched.page.clock.resume()
    await expectLeftForSignIn(watched.page)
    await other.finish()
    await watched.finish({ allow: [ENDED_SESSION_401] })
  })
})
