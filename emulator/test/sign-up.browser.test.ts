import { createClerkClient } from '@clerk/backend'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { CONTROL_HEADERS } from './helpers/control.ts'
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

describe('<SignUp/> on an instance whose users sign up with a phone number', () => {
  const phoneStack = useTestApp({ identifiers: { phone_number: 'required' } })
  const phoneBrowser = useGuardedBrowser({ checkEachTest: true })

  it('asks for the SMS code the emulator sent, then creates the user with the number verified', async () => {
    const page = phoneBrowser.page
    const phone = '+12025550177'
    await page.goto(`${phoneStack.app.url}/?view=sign-up`)
    await appReady(page)
    await page.locator('input[name=phoneNumber]').fill(phone)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.locator('input[name=password]').press('Enter')
    await page.locator('input[autocomplete=one-time-code]').first().waitFor()
    expect(Object.keys(phoneStack.emulator.store.data.users)).toHaveLength(0)
    const sent = await fetch(`${phoneStack.emulator.url}/__emulator/sms?to=${encodeURIComponent(phone)}`, { headers: CONTROL_HEADERS }).then(r => r.json()) as { data: Array<{ code: string }> }
    // A Clerk test number: its code is 424242, as on Clerk.
    expect(sent.data.map(m => m.code)).toEqual(['424242'])
    await page.keyboard.type(sent.data[0]!.code)

    await page.waitForURL(/view=user/)
    await appReady(page)
    const userId = await page.evaluate(() => (window as unknown as { Clerk: { user: { id: string } } }).Clerk.user.id)
    const user = await createClerkClient({ secretKey: phoneStack.emulator.keys.secretKey, apiUrl: phoneStack.emulator.env.NUXT_CLERK_API_URL }).users.getUser(userId)
    expect(user.primaryPhoneNumber?.phoneNumber).toBe(phone)
    expect(user.primaryPhoneNumber?.verification?.status).toBe('verified')
  })

  it('adds a second number in <UserProfile/>, verifies it by SMS code, and removes it', async () => {
    const page = phoneBrowser.page
    const second = '+12025550178'
    const numbers = () => Object.values(phoneStack.emulator.store.data.users)[0]!.phone_numbers!.map(p => `${p.phone_number}${p.verified ? '' : ' (unverified)'}`)
    await page.goto(`${phoneStack.app.url}/?view=profile`)
    await appReady(page)
    await page.getByRole('button', { name: 'Add phone number' }).click()
    await page.locator('input[name=phoneNumber]').fill(second)
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.locator('input[autocomplete=one-time-code]').first().waitFor()
    expect(numbers()).toEqual(['+12025550177', '+12025550178 (unverified)'])
    await page.keyboard.type('424242')
    await expect.poll(numbers).toEqual(['+12025550177', '+12025550178'])
    // The section closes its form once it has shown the number as verified.
    await page.getByRole('button', { name: 'Add phone number' }).waitFor()

    await page.locator('.cl-profileSectionItem__phoneNumbers').filter({ hasText: '555-0178' }).getByRole('button', { name: 'Open menu' }).click()
    await page.getByRole('menuitem', { name: 'Remove phone number' }).click()
    await page.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect.poll(numbers).toEqual(['+12025550177'])
  })
})
