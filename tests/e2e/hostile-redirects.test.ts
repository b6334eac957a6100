import { describe, expect, it } from 'vitest'
import { signInThroughClerk, waitForPath } from './support/clerk-ui'
import { ONBOARDED, PASSWORD, useJourney } from './support/fixture'

const journey = useJourney()

const HOSTILE = [
  '//evil.com',
  'https://evil.com',
  '/\\evil.com',
  'javascript:alert(1)',
  '%2F%2Fevil.com',
  '/%2F%2Fevil.com',
  'https:%2F%2Fevil.com',
  '/%5Cevil.com',
]

describe('journey: hostile redirect_url values', () => {
  it.each(HOSTILE)('sign-in with redirect_url=%s ends on our own origin', async (hostile) => {
    const { email } = await journey.createUser('redirect', ONBOARDED)
    const { page, finish } = await journey.open()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    // Passed raw (not re-encoded) so the encoded variants reach the app as an attacker sends them.
    await page.goto(`${journey.stack.appUrl}/sign-in?redirect_url=${hostile}`)
    await signInThroughClerk(page, email, PASSWORD)
    await waitForPath(page, '/dashboard')
    expect(new URL(page.url()).origin).toBe(journey.stack.appUrl)
    expect(dialogs).toEqual([])
    await finish()
  })

  it('a same-origin redirect_url is honoured', async () => {
    const { email } = await journey.createUser('redirect-ok', ONBOARDED)
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in?redirect_url=${encodeURIComponent('/?from=sign-in')}`)
    await signInThroughClerk(page, email, PASSWORD)
    await page.waitForURL(url => url.search === '?from=sign-in')
    expect(new URL(page.url()).pathname).toBe('/')
    await finish()
  })
})
