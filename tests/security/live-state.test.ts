import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, getStatus, postOnboarding, VALID_BODY } from './support/http'

// State changes are decided against Clerk's live state, not only the (up to a minute old) token;
// and `?fresh=1` cannot turn one user's burst into a burst on the instance's Backend API quota.

const stack = useStack()

describe('POST /api/complete-onboarding asks Clerk whether the session is still active', () => {
  it('writes for an active session (the control)', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const res = await postOnboarding(stack.appUrl, VALID_BODY, bearer(await user.token()))
    expect(res.status).toBe(200)
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toMatchObject({ onboardingComplete: true })
  })

  it('refuses a revoked session with 401 while its token is still valid, and writes nothing', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    await stack.clerk.sessions.revokeSession(user.sessionId)
    // The token itself still passes: reads from its claims work until it expires.
    expect((await getStatus(stack.appUrl, bearer(token))).status).toBe(200)
    const res = await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))
    expect(res.status).toBe(401)
    expect((await res.json()).data.code).toBe('session_inactive')
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })

  it('refuses a banned user with 401 while the token is still valid, and writes nothing', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'pro' })
    const token = await user.token()
    await stack.clerk.users.banUser(user.userId)
    expect((await stack.clerk.sessions.getSession(user.sessionId)).status).toBe('revoked')
    const res = await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))
    expect(res.status).toBe(401)
    expect((await res.json()).data.code).toBe('session_inactive')
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({ plan: 'pro' })
  })
})

describe('GET /api/onboarding-status?fresh=1', () => {
  it('200 concurrent calls by one user make a handful of Backend API reads, not 200', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, { onboardingComplete: true, applicationName: 'a', applicationType: 'b' })
    const token = await user.token()
    // A slow Clerk keeps a read in flight while others arrive; the rule counts reads. Reads that
    // arrive after one finished start the next, but never more than the per-user limit (10).
    const [rule] = stack.emulator.setFaults([{ method: 'GET', path: `/bapi/v1/users/${user.userId}`, latencyMs: 1000 }])
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, () => fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: bearer(token) }).then(async (res) => {
        const body = await res.json()
        return { status: res.status, body }
      })))
      const hits = rule!.hits
      expect(hits).toBeGreaterThanOrEqual(1)
      expect(hits).toBeLessThanOrEqual(10)
      for (const answer of answers) {
        if (answer.status === 429) expect(answer.body.data.code).toBe('rate_limited')
        else expect(answer).toEqual({ status: 200, body: { onboardingComplete: true, applicationName: 'a', applicationType: 'b', source: 'clerk' } })
      }
      expect(answers.filter(answer => answer.status === 200).length).toBeGreaterThan(0)
    }
    finally {
      stack.emulator.clearFaults()
    }
  })

  it('shares the per-user limit on Clerk calls with the onboarding write', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const fresh = () => fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: bearer(token) })
    // One after the other, so that none joins another's read: each is a Backend API call.
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await fresh()).status)
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200))
    const limited = await fresh()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    const write = await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))
    expect(write.status).toBe(429)
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })
})
