import { describe, expect, it } from 'vitest'
import { browserCookies, getStatus, pageAnswer, postOnboarding, VALID_BODY } from '../security/support/http'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'

const ONBOARDED = { onboardingComplete: true, applicationName: '기존 앱', applicationType: '웹' }

// An instance with organizations on and personal accounts off: a session of a user in no
// organization starts pending, with Clerk's `choose-organization` task (`sts: "pending"` in its token).
const stack = useStack({ emulator: { organizations: true, personalAccounts: false } })

/** A signed-in user whose session still has the task, as a sign-in on this instance leaves it. */
async function pendingUser(publicMetadata: Record<string, unknown> = {}) {
  const user = await createSignedInUser(stack.emulator, stack.appUrl, publicMetadata)
  stack.emulator.store.data.sessions[user.sessionId]!.tasks = ['choose-organization']
  return user
}

const where = (path: string, token: string) => pageAnswer(stack.appUrl, path, token)

describe('a pending session (a Clerk session task left to finish) on the built app', () => {
  it('is sent from every protected page, the onboarding form too, to Clerk\'s task flow with the way back', async () => {
    for (const metadata of [{}, ONBOARDED]) {
      const token = await (await pendingUser(metadata)).token()
      expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sts).toBe('pending')
      expect(await where('/dashboard?tab=2', token)).toBe('302 /sign-in/tasks?redirect_url=/dashboard?tab=2')
      expect(await where('/onboarding', token)).toBe('302 /sign-in/tasks?redirect_url=/onboarding')
    }
  })

  it('opens Clerk\'s task pages and the public home page', async () => {
    const token = await (await pendingUser()).token()
    for (const path of ['/sign-in/tasks?redirect_url=%2Fdashboard', '/sign-in/tasks/choose-organization', '/']) {
      expect(await where(path, token), path).toBe('200')
    }
  })

  it('is refused by the API as signed out (401), and the onboarding write changes nothing', async () => {
    const user = await pendingUser()
    const token = await user.token()
    expect((await getStatus(stack.appUrl, browserCookies(token, stack.appUrl))).status).toBe(401)
    expect((await postOnboarding(stack.appUrl, VALID_BODY, browserCookies(token, stack.appUrl))).status).toBe(401)
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })

  it('once the task is done, goes where it was going, or to onboarding when that is not done', async () => {
    const onboarded = await pendingUser(ONBOARDED)
    const fresh = await pendingUser()
    for (const user of [onboarded, fresh]) stack.emulator.store.data.sessions[user.sessionId]!.tasks = []
    expect(await where('/dashboard?tab=2', await onboarded.token())).toBe('200')
    expect(await where('/dashboard?tab=2', await fresh.token())).toBe('302 /onboarding')
  })
})
