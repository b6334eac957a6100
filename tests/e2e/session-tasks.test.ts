import { enUS } from '@clerk/localizations/en-US'
import type { LocalizationResource } from '@clerk/shared/types'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { koKRComplete } from '../../plugins/clerk-localization/ko-KR'
import { messages } from '../../shared/messages'
import { enterEmailedCode, fillSignUp, signInThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

// Organizations on, personal accounts off: a session of a user in no organization starts pending,
// with Clerk's choose-organization task, and counts as signed out until the task is done. Sign-up
// verifies the email with a code first, as a new instance does.
const journey = useJourney({ emulator: { organizations: true, personalAccounts: false, emailVerification: true } })

const APPLICATION = { applicationName: '조직 앱', applicationType: '웹' }

/** Waits for Clerk's choose-organization task page, under our sign-in or sign-up page. */
async function atTask(page: Page, under: '/sign-in' | '/sign-up'): Promise<void> {
  await waitForPath(page, `${under}/tasks/choose-organization`)
}

/** Clerk's task for a user in no organization shows the create form, in the page's language: a name, then submit. */
async function createOrganization(page: Page, name: string, pack: LocalizationResource = koKRComplete): Promise<void> {
  await expect.poll(() => page.locator('.cl-headerTitle').textContent()).toBe(pack.taskChooseOrganization!.createOrganization!.title)
  await page.locator('input[name=name]').fill(name)
  await page.locator('.cl-formButtonPrimary').click()
}

/** The session the emulator holds for this user: its status as both APIs show it, and its tasks. */
async function sessionOf(email: string) {
  const [user] = (await journey.clerk.users.getUserList({ emailAddress: [email] })).data
  const { data } = await journey.clerk.sessions.getSessionList({ userId: user!.id })
  return data.map(session => session.status)
}

describe('journey: a pending session (choose-organization)', () => {
  it('signing in from a protected page meets the task, then reaches onboarding and the dashboard', async () => {
    const { email } = await journey.createUser('task-sign-in')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/dashboard?tab=1`)
    await waitForPath(page, '/sign-in')
    await signInThroughClerk(page, email, PASSWORD)
    await atTask(page, '/sign-in')
    expect(await sessionOf(email)).toEqual(['pending'])
    await createOrganization(page, 'Task Sign-in Co')
    // Clerk sends the finished task where the user was going; the gate sends a new user on to the form.
    await waitForPath(page, '/onboarding')
    expect(await sessionOf(email)).toEqual(['active'])
    await completeOnboarding(page, APPLICATION)
    await finish()
  })

  it('a pending session that opens a protected page is sent to its task, never into the page, then to onboarding', async () => {
    const { email } = await journey.createUser('task-direct')
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await signInThroughClerk(page, email, PASSWORD)
    await atTask(page, '/sign-in')

    for (const path of ['/dashboard', '/onboarding']) {
      const documents: string[] = []
      page.on('response', (response) => {
        if (response.request().resourceType() === 'document') documents.push(`${response.status()} ${new URL(response.url()).pathname}`)
      })
      await page.goto(`${journey.stack.appUrl}${path}`)
      await atTask(page, '/sign-in')
      // The server answered the protected page with a redirect: its HTML was never sent.
      expect(documents[0]).toBe(`302 ${path}`)
      expect(documents).not.toContain(`200 ${path}`)
      page.removeAllListeners('response')
    }
    await createOrganization(page, 'Task Direct Co')
    await waitForPath(page, '/onboarding')
    await completeOnboarding(page, APPLICATION)
    await finish()
  })

  it.each([['ko-KR', messages.ko.onboarding.submit, koKRComplete], ['en-US', messages.en.onboarding.submit, enUS]] as const)('a new account signs up (%s), meets the task, then the onboarding form', async (locale, submit, pack) => {
    const email = uniqueEmail('task-sign-up')
    const { page, finish } = await journey.open({ locale })
    await page.goto(`${journey.stack.appUrl}/sign-up`)
    await fillSignUp(page, email, PASSWORD)
    await page.locator('.cl-formButtonPrimary').click()
    await enterEmailedCode(page, journey.stack, email)
    await atTask(page, '/sign-up')
    await createOrganization(page, `Sign-up Co ${locale}`, pack)
    await waitForPath(page, '/onboarding')
    await completeOnboarding(page, APPLICATION, { submit })
    await finish()
  })
})
