import { createClerkClient } from '@clerk/backend'
import { beforeEach, describe, expect, it } from 'vitest'
import { enterSentCode, useGuardedBrowser, useTestApp } from './helpers/browser.ts'

// The real prebuilt UI (clerk-js 6 + @clerk/ui) against organizations and session tasks:
// <OrganizationSwitcher/> creating and switching, the choose-organization task after a sign-up
// with personal accounts off, and the reset-password task after a compromised password.

const stack = useTestApp({ organizations: true })
const browser = useGuardedBrowser({ checkEachTest: true })
const PASSWORD = 'correct-horse-battery'

async function openView(view: 'sign-in' | 'sign-up' | 'user' | 'org-switcher' | 'org-profile'): Promise<void> {
  await browser.page.goto(`${stack.app.url}/?view=${view}`)
  await browser.page.evaluate(() => (window as unknown as { __appReady: Promise<string> }).__appReady)
}

/** What clerk-js in the page believes: the session's status and the active organization's name. */
function clerkState() {
  return browser.page.evaluate(() => {
    const clerk = (window as unknown as { Clerk: { session?: { status: string } | null, organization?: { name: string } | null } }).Clerk
    return { status: clerk.session?.status ?? null, organization: clerk.organization?.name ?? null }
  })
}

async function signUp(email: string): Promise<void> {
  await openView('sign-up')
  await browser.page.locator('input[name=emailAddress]').fill(email)
  await browser.page.locator('input[name=password]').fill(PASSWORD)
  await browser.page.locator('input[name=password]').press('Enter')
  // A new instance verifies the address at sign-up: the code from the outbox.
  await enterSentCode(browser.page, stack.emulator, email)
}

/** Signs out without clerk-js's own navigation (a callback replaces it), so the next goto is not interrupted. */
async function signOut(): Promise<void> {
  await browser.page.evaluate(() => (window as unknown as { Clerk: { signOut: (done: () => void) => Promise<void> } }).Clerk.signOut(() => {}))
}

// Each journey starts signed out, whatever the one before it left.
beforeEach(async () => {
  await openView('user')
  await signOut()
})

const sessionOf = (email: string) => {
  const user = Object.values(stack.emulator.store.data.users).find(u => u.email_addresses[0]?.email_address === email)
  return Object.values(stack.emulator.store.data.sessions).find(s => s.user_id === user?.id && s.status === 'active')
}

describe('organizations in the prebuilt UI', () => {
  it('<OrganizationSwitcher/> creates an organization, switches to the personal account and back', async () => {
    const email = 'switcher@example.com'
    await signUp(email)
    await browser.page.waitForURL(/view=user/)

    await openView('org-switcher')
    await browser.page.getByRole('button', { name: 'Open organization switcher' }).click()
    await browser.page.getByRole('button', { name: 'Create organization' }).click()
    await browser.page.locator('input[name=name]').fill('Acme Labs')
    await browser.page.getByRole('button', { name: 'Create organization' }).last().click()
    await browser.page.getByRole('button', { name: 'Skip' }).click()
    await expect.poll(clerkState).toEqual({ status: 'active', organization: 'Acme Labs' })
    const org = Object.values(stack.emulator.store.data.organizations).find(o => o.name === 'Acme Labs')!
    expect(org.slug).toBe('acme-labs')
    expect(sessionOf(email)?.last_active_organization_id).toBe(org.id)

    await browser.page.getByRole('button', { name: 'Open organization switcher' }).click()
    await browser.page.getByText('Personal account').last().click()
    await expect.poll(clerkState).toEqual({ status: 'active', organization: null })
    expect(sessionOf(email)?.last_active_organization_id).toBeNull()

    await browser.page.getByRole('button', { name: 'Open organization switcher' }).click()
    await browser.page.getByText('Acme Labs').last().click()
    await expect.poll(clerkState).toEqual({ status: 'active', organization: 'Acme Labs' })
    expect(sessionOf(email)?.last_active_organization_id).toBe(org.id)
  })

  it('a second user invited to the organization joins it from <OrganizationSwitcher/>', async () => {
    const clerk = createClerkClient({ secretKey: stack.emulator.keys.secretKey, apiUrl: stack.emulator.env.NUXT_CLERK_API_URL })
    const org = Object.values(stack.emulator.store.data.organizations).find(o => o.name === 'Acme Labs')!
    const email = 'invitee@example.com'
    await clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: email, role: 'org:member' })
    await signUp(email)
    await browser.page.waitForURL(/view=user/)

    await openView('org-switcher')
    await browser.page.getByRole('button', { name: 'Open organization switcher' }).click()
    await browser.page.getByRole('button', { name: 'Join' }).click()
    const invitee = Object.values(stack.emulator.store.data.users).find(u => u.email_addresses[0]?.email_address === email)!
    await expect.poll(() => Object.values(stack.emulator.store.data.organizationMemberships).find(m => m.user_id === invitee.id)?.role).toBe('org:member')
    await browser.page.getByText('Acme Labs').last().click()
    await expect.poll(clerkState).toEqual({ status: 'active', organization: 'Acme Labs' })
  })

  it('<OrganizationProfile/> lists the members, invites by e-mail and renames the organization', async () => {
    await openView('sign-in')
    await browser.page.locator('input[name=identifier]').fill('switcher@example.com')
    await browser.page.locator('input[name=identifier]').press('Enter')
    await browser.page.locator('input[name=password]').fill(PASSWORD)
    await browser.page.locator('input[name=password]').press('Enter')
    await browser.page.waitForURL(/view=user/)
    await openView('user')
    // The switcher's user is an admin of Acme Labs.
    await browser.page.evaluate(async () => {
      const clerk = (window as unknown as { Clerk: { setActive: (p: { organization: string }) => Promise<void> } }).Clerk
      await clerk.setActive({ organization: 'acme-labs' })
    })
    await openView('org-profile')
    await browser.page.getByRole('button', { name: 'Members' }).click()
    await browser.page.getByRole('row', { name: /switcher@example\.com/ }).getByText('Admin').waitFor()
    await browser.page.getByRole('row', { name: /invitee@example\.com/ }).getByText('Member').waitFor()

    await browser.page.getByRole('button', { name: 'Invite' }).click()
    await browser.page.getByRole('textbox', { name: /Example format/ }).fill('third@example.com,')
    await browser.page.getByRole('button', { name: 'Send invitations' }).click()
    const org = Object.values(stack.emulator.store.data.organizations).find(o => o.slug === 'acme-labs')!
    await expect.poll(() => Object.values(stack.emulator.store.data.organizationInvitations).find(i => i.email_address === 'third@example.com')?.organization_id).toBe(org.id)

    await browser.page.getByRole('button', { name: 'General' }).click()
    await browser.page.getByRole('button', { name: 'Update profile' }).click()
    await browser.page.locator('input[name=name]').fill('Acme Research')
    await browser.page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => stack.emulator.store.data.organizations[org.id]!.name).toBe('Acme Research')
  })

  it('with personal accounts off, a new sign-up meets choose-organization and reaches the app after it', async () => {
    stack.emulator.ctx.config.organizations.personalAccounts = false
    try {
      const email = 'chooser@example.com'
      await signUp(email)
      await browser.page.waitForURL(/#\/tasks\/choose-organization/)
      expect(await clerkState()).toEqual({ status: 'pending', organization: null })
      await browser.page.getByText('Setup your organization').waitFor()
      await browser.page.locator('input[name=name]').fill('Chosen Co')
      await browser.page.getByRole('button', { name: 'Continue' }).click()
      await browser.page.waitForURL(/view=user/)
      await expect.poll(clerkState).toEqual({ status: 'active', organization: 'Chosen Co' })
      expect(sessionOf(email)?.tasks).toEqual([])
    }
    finally {
      stack.emulator.ctx.config.organizations.personalAccounts = true
    }
  })

  it('a compromised password meets the reset-password task at sign-in', async () => {
    const email = 'compromised+clerk_test@example.com'
    const clerk = createClerkClient({ secretKey: stack.emulator.keys.secretKey, apiUrl: stack.emulator.env.NUXT_CLERK_API_URL })
    const user = await clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    await clerk.users.setPasswordCompromised(user.id)

    await openView('sign-in')
    await browser.page.locator('input[name=identifier]').fill(email)
    await browser.page.locator('input[name=identifier]').press('Enter')
    await browser.page.locator('input[name=password]').fill(PASSWORD)
    browser.guarded.expectConsoleError(/422/)
    await browser.page.locator('input[name=password]').press('Enter')
    await browser.page.getByText('Your password may be compromised').waitFor()
    await browser.page.getByRole('button', { name: /Email code to/ }).click()
    await browser.page.getByRole('textbox', { name: /code/i }).first().click()
    // Typed digit by digit as Clerk's own tests do: the one-time-code field moves focus per digit.
    await browser.page.keyboard.type('424242', { delay: 100 })

    await browser.page.waitForURL(/#\/tasks\/reset-password/)
    expect(await clerkState()).toEqual({ status: 'pending', organization: null })
    await browser.page.locator('input[name=newPassword]').fill('a-fresh-long-password')
    await browser.page.locator('input[name=confirmPassword]').fill('a-fresh-long-password')
    await browser.page.getByRole('button', { name: 'Reset Password' }).click()
    await browser.page.waitForURL(/view=user/)
    await expect.poll(clerkState).toEqual({ status: 'active', organization: null })
    expect(stack.emulator.store.data.users[user.id]!.password_compromised).toBe(false)
  })
})
