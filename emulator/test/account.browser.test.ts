import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { TINY_PNG } from './helpers/fapi.ts'
import { launchGuardedBrowser, startTestApp, type GuardedBrowser, type TestApp } from './helpers/browser.ts'

// The real <UserProfile/> (clerk-js 6 + @clerk/ui) clicking through the account endpoints:
// upload and remove a profile image, then delete the account (--allow-delete).

let emulator: RunningEmulator
let app: TestApp
let guarded: GuardedBrowser
let page: Page

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, memory: true, quiet: true, allowDelete: true })
  app = await startTestApp(emulator)
  guarded = await launchGuardedBrowser()
  page = guarded.page
})

afterAll(async () => {
  await guarded?.close()
  await app?.stop()
  await emulator?.stop()
})

async function openView(view: 'sign-up' | 'profile'): Promise<void> {
  await page.goto(`${app.url}/?view=${view}`)
  await page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

const onlyUser = () => Object.values(emulator.store.data.users)[0]

describe('<UserProfile/> account controls', () => {
  it('uploads and removes a profile image, then deletes the account', async () => {
    await openView('sign-up')
    await page.locator('input[name=emailAddress]').fill('lin@example.com')
    await page.locator('input[name=password]').fill('correct-horse-battery')
    await page.locator('input[name=password]').press('Enter')
    await page.waitForURL(/view=user/)

    await openView('profile')
    const updateProfile = page.getByRole('button', { name: 'Update profile' })
    await updateProfile.click()
    await page.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: TINY_PNG })
    await expect.poll(() => onlyUser()?.image_id ?? null).not.toBeNull()
    const src = `${emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/images/${onlyUser()!.image_id}`
    await page.locator(`img[src="${src}"]`).first().waitFor()
    expect(await page.locator(`img[src="${src}"]`).first().evaluate(img => (img as HTMLImageElement).naturalWidth)).toBe(1)

    // A finished upload closes the form; reopened, it offers removal (the image is no longer the default).
    await page.getByRole('heading', { name: 'Update profile' }).waitFor({ state: 'hidden' })
    await updateProfile.click()
    await page.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => onlyUser()?.image_id ?? null).toBeNull()

    await page.getByText('Security', { exact: true }).click()
    await page.getByRole('button', { name: 'Delete account' }).click()
    await page.locator('input[name=deleteConfirmation]').fill('Delete account')
    await page.getByRole('button', { name: 'Delete account' }).last().click()
    await expect.poll(() => Object.keys(emulator.store.data.users).length).toBe(0)
    expect(Object.values(emulator.store.data.sessions).map(s => s.status)).toEqual(['removed'])

    expect(guarded.problems).toEqual([])
  })
})
