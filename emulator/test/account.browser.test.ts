import { describe, expect, it } from 'vitest'
import { TINY_PNG } from './helpers/fapi.ts'
import { enterSentCode, useGuardedBrowser, useTestApp } from './helpers/browser.ts'

// The real <UserProfile/> (clerk-js 6 + @clerk/ui) clicking through the account endpoints:
// upload and remove a profile image, then delete the account (--allow-delete).

const stack = useTestApp({ allowDelete: true })
const browser = useGuardedBrowser({ checkEachTest: false })

async function openView(view: 'sign-up' | 'profile'): Promise<void> {
  await browser.page.goto(`${stack.app.url}/?view=${view}`)
  await browser.page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

const onlyUser = () => Object.values(stack.emulator.store.data.users)[0]

describe('<UserProfile/> account controls', () => {
  it('uploads and removes a profile image, then deletes the account', async () => {
    await openView('sign-up')
    await browser.page.locator('input[name=emailAddress]').fill('lin@example.com')
    await browser.page.locator('input[name=password]').fill('correct-horse-battery')
    await browser.page.locator('input[name=password]').press('Enter')
    await enterSentCode(browser.page, stack.emulator, 'lin@example.com')
    await browser.page.waitForURL(/view=user/)

    await openView('profile')
    const updateProfile = browser.page.getByRole('button', { name: 'Update profile' })
    await updateProfile.click()
    await browser.page.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: TINY_PNG })
    await expect.poll(() => onlyUser()?.image_id ?? null).not.toBeNull()
    const src = `${stack.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/images/${onlyUser()!.image_id}`
    await browser.page.locator(`img[src="${src}"]`).first().waitFor()
    expect(await browser.page.locator(`img[src="${src}"]`).first().evaluate(img => (img as HTMLImageElement).naturalWidth)).toBe(1)

    // A finished upload closes the form; reopened, it offers removal (the image is no longer the default).
    await browser.page.getByRole('heading', { name: 'Update profile' }).waitFor({ state: 'hidden' })
    await updateProfile.click()
    await browser.page.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => onlyUser()?.image_id ?? null).toBeNull()

    await browser.page.getByText('Security', { exact: true }).click()
    await browser.page.getByRole('button', { name: 'Delete account' }).click()
    await browser.page.locator('input[name=deleteConfirmation]').fill('Delete account')
    await browser.page.getByRole('button', { name: 'Delete account' }).last().click()
    await expect.poll(() => Object.keys(stack.emulator.store.data.users).length).toBe(0)
    expect(Object.values(stack.emulator.store.data.sessions).map(s => s.status)).toEqual(['removed'])

    expect(browser.guarded.problems).toEqual([])
  })
})
