import { createClerkClient } from '@clerk/backend'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { enterSentCode, useGuardedBrowser, useTestApp } from './helpers/browser.ts'
import { PASSWORD, uniqueEmail } from './helpers/emulator.ts'

// Sign-up journeys of the real <SignUp/> (clerk-js 6 + @clerk/ui), read back through @clerk/backend.

const stack = useTestApp()
const browser = useGuardedBrowser({ checkEachTest: true })
const backend = () => createClerkClient({ secretKey: stack.emulator.keys.secretKey, apiUrl: stack.emulator.env.NUXT_CLERK_API_URL })

const appReady = (page: Page) => page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)

async function open(query: Record<string, string>): Promise<void> {
  await browser.page.goto(`${stack.app.url}/?${new URLSearchParams(query)}`)
  await appReady(browser.page)
}

/** The user clerk-js holds once the landing page has loaded Clerk. */
async function landedUserId(): Promise<string> {
  await browser.page.waitForURL(/view=user/)
  await appReady(browser.page)
  return browser.page.evaluate(() => (window as unknown as { Clerk: { user: { id: string } } }).Clerk.user.id)
}

describe('<SignUp unsafeMetadata>', () => {
  it('stores the metadata on the new user, and user.update / updateMetadata change it as on Clerk', async () => {
    const email = uniqueEmail('goalie')
    await open({ view: 'sign-up', unsafe_metadata: JSON.stringify({ position: 'goalie', team: { name: 'Blues' } }) })
    await browser.page.locator('input[name=emailAddress]').fill(email)
    await browser.page.locator('input[name=password]').fill(PASSWORD)
    await browser.page.locator('input[name=password]').press('Enter')
    await enterSentCode(browser.page, stack.emulator, email)
    const userId = await landedUserId()
    expect((await backend().users.getUser(userId)).unsafeMetadata).toEqual({ position: 'goalie', team: { name: 'Blues' } })

    // updateMetadata deep-merges: a nested key joins its siblings, null deletes one.
    await browser.page.evaluate(() => (window as unknown as { Clerk: { user: { updateMetadata: (p: unknown) => Promise<unknown> } } })
      .Clerk.user.updateMetadata({ unsafeMetadata: { team: { city: 'St. Louis' }, position: null } }))
    expect((await backend().users.getUser(userId)).unsafeMetadata).toEqual({ team: { name: 'Blues', city: 'St. Louis' } })

    // update replaces (clerk-js sends the difference as a merge patch, nested keys included).
    await browser.page.evaluate(() => (window as unknown as { Clerk: { user: { update: (p: unknown) => Promise<unknown> } } })
      .Clerk.user.update({ unsafeMetadata: { team: { city: 'Toronto' } } }))
    expect((await backend().users.getUser(userId)).unsafeMetadata).toEqual({ team: { city: 'Toronto' } })
  })
})
