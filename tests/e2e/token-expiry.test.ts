import { describe, expect, it } from 'vitest'
import { waitForPath } from './support/clerk-ui'
import { ONBOARDED, useJourney } from './support/fixture'

// Tokens live 5 s here instead of Clerk's 60 s, so a short idle outlives one.
const TOKEN_TTL = 5
const journey = useJourney({ emulator: { tokenTtl: TOKEN_TTL } })

describe('journey: the session outlives its tokens', () => {
  it('an idle user past the token lifetime navigates and stays signed in; a metadata change shows after the refresh', async () => {
    const { id: userId, page, finish } = await journey.signedIn('idle', { onboardingComplete: true, applicationName: '처음 이름', applicationType: '웹' })
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('처음 이름')

    // Changed behind the browser's back, through the Backend API.
    await journey.clerk.users.updateUserMetadata(userId, { publicMetadata: { applicationName: '바뀐 이름' } })
    await page.waitForTimeout((TOKEN_TTL + 3) * 1000)

    // Client-side navigation, then a full server-rendered load: both still signed in.
    await page.getByRole('link', { name: '온보딩 데모' }).click()
    await waitForPath(page, '/')
    await page.goto(`${journey.stack.appUrl}/dashboard`)
    await waitForPath(page, '/dashboard')
    await expect.poll(() => page.getByTestId('application-name').textContent(), { timeout: 10_000 }).toContain('바뀐 이름')
    const status = await (await page.request.get(`${journey.stack.appUrl}/api/onboarding-status`)).json()
    expect(status).toMatchObject({ onboardingComplete: true, applicationName: '바뀐 이름' })
    await finish()
  })

  it('when the session itself expires, the next token refresh takes the dashboard and its edit form away', async () => {
    const { id: userId, page, finish } = await journey.signedIn('expiring', ONBOARDED)
    await page.getByRole('button', { name: '수정' }).click()
    await page.locator('#applicationName').fill('마감 직전의 이름')

    // The session reaches the end of its lifetime, as Clerk's 7-day limit would.
    const { store } = journey.stack.emulator
    const session = Object.values(store.data.sessions).find(s => s.user_id === userId && s.status === 'active')!
    session.expire_at = Date.now()
    await store.commit()

    // Tokens live TOKEN_TTL seconds, so clerk-js asks for a new one within that; the answer says
    // signed out, and the page leaves.
    await waitForPath(page, '/sign-in', (TOKEN_TTL + 15) * 1000)
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe('/dashboard')
    expect(await page.locator('#applicationName').count()).toBe(0)
    expect(await page.content()).not.toContain(ONBOARDED.applicationName)
    await expect.poll(() => page.getByTestId('unsaved-edit-notice').isVisible()).toBe(true)
    await finish({ allow: [/status of 401/] })
  })
})
