import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hostClerkWouldAccept, waitForPath } from './support/clerk-ui'
import { ONBOARDED, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

// "Continue with Google" and "Continue with GitHub" through our /sign-in and /sign-up pages: the
// emulator's provider page stands in for the provider, Clerk's /v1/oauth_callback sends the browser
// back, and Clerk's sso-callback step under our catch-all page finishes what needs finishing.
const journey = useJourney({ emulator: { social: ['google', 'github'] } })

/**
 * Clicks the provider's button on Clerk's card, then signs in on the provider page as a new (or
 * linked) account with this email. Returns the paths of our app's pages the tab shows from the
 * provider page on, same-document navigations included.
 */
async function continueWith(page: Page, provider: 'google' | 'github', email: string): Promise<string[]> {
  await page.locator(`.cl-socialButtonsBlockButton__${provider}`).click()
  await page.waitForURL(url => url.pathname === `/oauth/${provider}/authorize`)
  const seen: string[] = []
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith(journey.stack.appUrl)) seen.push(new URL(frame.url()).pathname)
  })
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('First name').fill('소셜')
  await page.getByLabel('Last name').fill('사용자')
  await page.getByRole('button', { name: 'Sign in with the new account' }).click()
  return seen
}

describe('journey: social sign-in through our pages', () => {
  it('Google sign-up: a brand-new account goes to onboarding, then the dashboard', async () => {
    const email = uniqueEmail('google-up')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    const seen = await continueWith(page, 'google', email)
    await waitForPath(page, '/onboarding')
    expect(new Set(seen)).toEqual(new Set(['/onboarding']))
    await completeOnboarding(page, { applicationName: '구글 앱', applicationType: '웹' })
    const [user] = (await journey.clerk.users.getUserList({ emailAddress: [email] })).data
    expect(user!.externalAccounts.map(account => account.provider)).toEqual(['oauth_google'])
    await finish()
  })

  it('a brand-new Google account from the sign-in page (Clerk\'s sso-callback step turns it into a sign-up) also starts at onboarding', async () => {
    const email = uniqueEmail('google-in')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in?redirect_url=${encodeURIComponent('/dashboard?tab=1')}`)
    const seen = await continueWith(page, 'google', email)
    await waitForPath(page, '/onboarding')
    expect(new Set(seen)).toEqual(new Set(['/sign-in/sso-callback', '/onboarding']))
    await finish()
  })

  it('GitHub sign-in of an onboarded user goes straight to where it was going, with no /sign-in hop in history', async () => {
    const { email } = await journey.createUser('github-in', ONBOARDED)
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/dashboard?tab=1`)
    await waitForPath(page, '/sign-in')
    const before = await page.evaluate(() => history.length)
    // A verified provider email that belongs to a user signs that user in (Clerk links the account).
    const seen = await continueWith(page, 'github', email)
    await waitForPath(page, '/dashboard')
    expect(new URL(page.url()).search).toBe('?tab=1')
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(ONBOARDED.applicationName)
    expect(new Set(seen)).toEqual(new Set(['/dashboard']))
    // The sign-in page, the provider page, then the dashboard: Back leaves the dashboard for the provider.
    expect(await page.evaluate(() => history.length)).toBe(before + 2)
    await finish()
  })

  it('an existing account using the sign-up page\'s GitHub button is signed in (Clerk\'s /sign-up/sso-callback step) to the dashboard', async () => {
    const { email } = await journey.createUser('github-up', ONBOARDED)
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    const seen = await continueWith(page, 'github', email)
    await waitForPath(page, '/dashboard')
    expect(new Set(seen)).toEqual(new Set(['/sign-up/sso-callback', '/dashboard']))
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(ONBOARDED.applicationName)
    await finish()
  })

  // Passed raw, as an attacker sends them. clerk-js by itself refuses other origins but accepts
  // hosts under the instance's domain (hostClerkWouldAccept); the force parameters outrank the page's props.
  it.each([
    ['redirect_url', () => 'https://evil.com', ONBOARDED, '/dashboard'],
    ['redirect_url', () => '/%2F%2Fevil.com', ONBOARDED, '/dashboard'],
    ['redirect_url', () => 'javascript:alert(1)', ONBOARDED, '/dashboard'],
    ['redirect_url', (host: string) => `/.//${host}/x`, ONBOARDED, '/dashboard'],
    ['sign_in_force_redirect_url', (host: string) => `https://${host}/owned`, ONBOARDED, '/dashboard'],
    ['sign_up_force_redirect_url', (host: string) => `https://${host}/owned`, undefined, '/onboarding'],
  ] as const)('a social sign-in with %s=<hostile> still ends on our own origin (case %#)', async (name, hostile, metadata, landing) => {
    // An onboarded user (linked on the provider page), or a brand-new account when there is no metadata.
    const email = metadata ? (await journey.createUser('social-hostile', metadata)).email : uniqueEmail('social-hostile')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in?${name}=${hostile(hostClerkWouldAccept(journey.stack))}`)
    await continueWith(page, metadata ? 'github' : 'google', email)
    await waitForPath(page, landing)
    expect(new URL(page.url()).origin).toBe(journey.stack.appUrl)
    // Any request to the hostile host would be listed (and aborted) by the watched context.
    await finish()
  })
})
