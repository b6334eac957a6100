import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useGuardedBrowser } from './helpers/browser.ts'
import { PASSWORD, startTestEmulator, type TestEmulator } from './helpers/emulator.ts'

// The Account Portal's own task screen: with personal accounts off, a sign-up at /portal/sign-up
// meets choose-organization there and reaches the portal's user page after it.

let t: TestEmulator
beforeAll(async () => { t = await startTestEmulator({ organizations: true, personalAccounts: false, emailVerification: false }) })
afterAll(() => t?.stop())

const browser = useGuardedBrowser({ checkEachTest: true })

describe('the Account Portal with personal accounts off', () => {
  it('shows the choose-organization task after a sign-up, and the user page after the task', async () => {
    await browser.page.goto(`${t.emulator.url}/portal/sign-up`)
    await browser.page.locator('input[name=emailAddress]').fill('portal-task@example.com')
    await browser.page.locator('input[name=password]').fill(PASSWORD)
    await browser.page.locator('input[name=password]').press('Enter')
    await browser.page.waitForURL(/#\/tasks\/choose-organization/)
    await browser.page.locator('input[name=name]').fill('Portal Co')
    await browser.page.getByRole('button', { name: 'Continue' }).click()
    await browser.page.waitForURL(/\/portal\/user/)
    const org = Object.values(t.emulator.store.data.organizations).find(o => o.name === 'Portal Co')!
    const session = Object.values(t.emulator.store.data.sessions).find(s => s.status === 'active')!
    expect(session).toMatchObject({ tasks: [], last_active_organization_id: org.id })
  })
})
