import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser, type TestSession } from '../support/sessions'
import { bearer, postOnboarding, VALID_BODY } from './support/http'

// Many users at once, one user racing themself, and the per-user rate limit, against the
// production build with its production settings (10 onboarding writes per 10 s per user).

const stack = useStack()

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

describe('concurrency', () => {
  it('100 different users completing onboarding at once: 100 correct records, none lost, none crossed', async () => {
    const users: TestSession[] = await Promise.all(Array.from({ length: 100 }, (_, i) => createSignedInUser(stack.emulator, stack.appUrl, { plan: `plan-${i}` })))
    const tokens = await Promise.all(users.map(user => user.token()))
    const started = performance.now()
    const results = await Promise.all(users.map(async (user, i) => {
      const t0 = performance.now()
      const res = await postOnboarding(stack.appUrl, { applicationName: `  앱 ${i} ${user.userId}  `, applicationType: `type-${i}` }, bearer(tokens[i]!))
      return { status: res.status, body: await res.json() as Record<string, unknown>, ms: performance.now() - t0 }
    }))
    const wall = performance.now() - started
    expect(results.map(r => r.status)).toEqual(Array(100).fill(200))
    // Each answer describes its own caller's values.
    results.forEach((r, i) => expect(r.body.applicationName).toBe(`앱 ${i} ${users[i]!.userId}`))
    const stored = await Promise.all(users.map(user => stack.clerk.users.getUser(user.userId)))
    stored.forEach((user, i) => expect(user.publicMetadata).toEqual({
      plan: `plan-${i}`,
      onboardingComplete: true,
      applicationName: `앱 ${i} ${users[i]!.userId}`,
      applicationType: `type-${i}`,
    }))
    const ms = results.map(r => r.ms).sort((a, b) => a - b)
    console.info(`100 concurrent onboardings: wall ${Math.round(wall)} ms, p50 ${Math.round(percentile(ms, 50))} ms, p95 ${Math.round(percentile(ms, 95))} ms, max ${Math.round(ms.at(-1)!)} ms`)
  })

  it('one user double-submitting different values: both answered, the final state is one submission, complete', async () => {
    const finals: string[] = []
    for (let round = 0; round < 10; round++) {
      const user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'keep' })
      const token = await user.token()
      const a = { applicationName: `A-${round}`, applicationType: 'type-A' }
      const b = { applicationName: `B-${round}`, applicationType: 'type-B' }
      const [ra, rb] = await Promise.all([postOnboarding(stack.appUrl, a, bearer(token)), postOnboarding(stack.appUrl, b, bearer(token))])
      expect([ra.status, rb.status]).toEqual([200, 200])
      const { publicMetadata } = await stack.clerk.users.getUser(user.userId)
      expect([{ plan: 'keep', onboardingComplete: true, ...a }, { plan: 'keep', onboardingComplete: true, ...b }]).toContainEqual(publicMetadata)
      finals.push(String(publicMetadata.applicationName)[0]!)
    }
    console.info(`double submit, last writer per round: ${finals.join('')}`)
  })
})

describe('per-user rate limit on POST /api/complete-onboarding', () => {
  it('12 concurrent writes by one user: exactly 10 accepted, 2 answered 429 with Retry-After, and those 2 write nothing', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      postOnboarding(stack.appUrl, { applicationName: `write-${i}`, applicationType: 'x' }, bearer(token))))
    const statuses = responses.map(r => r.status)
    expect(statuses.filter(s => s === 200)).toHaveLength(10)
    expect(statuses.filter(s => s === 429)).toHaveLength(2)
    const refused = await Promise.all(responses.map(async (res, i) => ({ res, i, body: await res.json() as { data?: { code?: string, retryAfter?: number } } })))
    const limited = refused.filter(({ res }) => res.status === 429)
    for (const { res, body } of limited) {
      const retryAfter = Number(res.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(10)
      expect(body.data).toMatchObject({ code: 'rate_limited', retryAfter })
    }
    // The stored name is one of the accepted writes, never a refused one.
    const accepted = refused.filter(({ res }) => res.status === 200).map(({ i }) => `write-${i}`)
    const { publicMetadata } = await stack.clerk.users.getUser(user.userId)
    expect(accepted).toContain(publicMetadata.applicationName)
  })

  it('is per user: another user is not limited, and a refused request does not lengthen the wait', async () => {
    const busy = await createSignedInUser(stack.emulator, stack.appUrl)
    const busyToken = await busy.token()
    for (let i = 0; i < 10; i++) expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(busyToken))).status).toBe(200)
    const first = await postOnboarding(stack.appUrl, VALID_BODY, bearer(busyToken))
    expect(first.status).toBe(429)
    const other = await createSignedInUser(stack.emulator, stack.appUrl)
    expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(await other.token()))).status).toBe(200)
    const again = await postOnboarding(stack.appUrl, VALID_BODY, bearer(busyToken))
    expect(again.status).toBe(429)
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(Number(first.headers.get('retry-after')))
  })

  it('anonymous and forged requests are refused with 401 before the limiter counts anything', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    for (let i = 0; i < 15; i++) expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(`${token.slice(0, -6)}AAAAAA`))).status).toBe(401)
    expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))).status).toBe(200)
  })
})
