import { afterEach, describe, expect, it } from 'vitest'
import { freePort, useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, getStatus, postOnboarding, VALID_BODY } from './support/http'

// Clerk's Backend API failing in every way the emulator can fail, under POST
// /api/complete-onboarding: the answer is a retryable 502/503 (with Retry-After when Clerk gave
// one), the merge is retried a bounded number of times, and no request waits past the deadline
// in server/utils/clerk-users.ts (8 s; we allow 10 s for a loaded CI machine).

const METADATA = '/bapi/v1/users/:id/metadata'
const DEADLINE_MS = 10_000

const stack = useStack()
afterEach(() => stack.emulator.clearFaults())

/** Submits the form as the user's browser would, timing it; returns the answer and its parsed body. */
async function submit() {
  const user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'free' })
  const started = performance.now()
  const res = await postOnboarding(stack.appUrl, VALID_BODY, bearer(await user.token()))
  const elapsed = performance.now() - started
  const body = await res.json() as { message?: string, data?: { code?: string, retryAfter?: number } }
  const metadata = async () => (await stack.clerk.users.getUser(user.userId)).publicMetadata
  return { res, body, elapsed, metadata }
}

const written = { plan: 'free', onboardingComplete: true, ...VALID_BODY }

describe('Clerk Backend API outages during POST /api/complete-onboarding', () => {
  it('503 with Retry-After: 2 -> retried 3 times in all, then 503 passing Retry-After on', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, status: 503, retryAfter: 2 }])
    const { res, body, elapsed, metadata } = await submit()
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(body.data).toMatchObject({ code: 'clerk_unavailable', retryAfter: 2 })
    // The form shows this message; it tells the user to try again.
    expect(body.message).toMatch(/다시 시도/)
    expect(rule!.hits).toBe(3)
    // Two waits of Retry-After (2 s each) between the three attempts.
    expect(elapsed).toBeGreaterThanOrEqual(3_900)
    expect(elapsed).toBeLessThan(DEADLINE_MS)
    expect(await metadata()).toEqual({ plan: 'free' })
  })

  it('a Retry-After longer than we may wait is not waited out: one attempt, 503, Retry-After passed on', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, status: 503, retryAfter: 30 }])
    const { res, elapsed } = await submit()
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    expect(rule!.hits).toBe(1)
    expect(elapsed).toBeLessThan(1_000)
  })

  it('429 from Clerk -> retried after its Retry-After, then 503 with Retry-After', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, status: 429, retryAfter: 1 }])
    const { res, body, elapsed, metadata } = await submit()
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(body.data?.code).toBe('clerk_unavailable')
    expect(rule!.hits).toBe(3)
    expect(elapsed).toBeLessThan(DEADLINE_MS)
    expect(await metadata()).toEqual({ plan: 'free' })
  })

  it('500 -> retried with backoff, then 502 with a retryable message', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, status: 500 }])
    const { res, body, elapsed, metadata } = await submit()
    expect(res.status).toBe(502)
    expect(body.data?.code).toBe('clerk_error')
    expect(body.message).toMatch(/다시 시도/)
    expect(rule!.hits).toBe(3)
    expect(elapsed).toBeLessThan(3_000)
    expect(await metadata()).toEqual({ plan: 'free' })
  })

  it('a connection dropped without an answer -> retried, then 502', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, drop: true }])
    const { res, metadata } = await submit()
    expect(res.status).toBe(502)
    expect(rule!.hits).toBe(3)
    expect(await metadata()).toEqual({ plan: 'free' })
  })

  it('a transient failure (two 503s) is absorbed by the retries: 200 and the record written once', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, status: 503, times: 2 }])
    const { res, metadata } = await submit()
    expect(res.status).toBe(200)
    expect(rule!.hits).toBe(2)
    expect(await metadata()).toEqual(written)
  })

  it('a write whose answer was lost is retried safely: the merge is idempotent', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, dropResponse: true, times: 1 }])
    const { res, metadata } = await submit()
    expect(res.status).toBe(200)
    expect(rule!.hits).toBe(1)
    expect(await metadata()).toEqual(written)
  })

  it('Clerk slower than the per-attempt timeout -> 502 before the deadline, never a hang', async () => {
    const [rule] = stack.emulator.setFaults([{ method: 'PATCH', path: METADATA, latencyMs: 3_500 }])
    const { res, elapsed, metadata } = await submit()
    expect(res.status).toBe(502)
    expect(rule!.hits).toBe(3)
    // Three 3 s attempts plus backoff, cut at the 8 s deadline.
    expect(elapsed).toBeGreaterThanOrEqual(7_500)
    expect(elapsed).toBeLessThan(DEADLINE_MS)
    // The timed-out attempts were not aborted and may still land, with the same values: the record
    // is either untouched or exactly what was submitted, never anything else.
    await new Promise(resolve => setTimeout(resolve, 1_000))
    expect([{ plan: 'free' }, written]).toContainEqual(await metadata())
  })

  it('reads with ?fresh=1 fail the same way, and claims-only reads never call Clerk', async () => {
    const [rule] = stack.emulator.setFaults([{ path: '/bapi/**', status: 503, retryAfter: 1 }])
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const fresh = await fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: bearer(token) })
    expect(fresh.status).toBe(503)
    expect(fresh.headers.get('retry-after')).toBe('1')
    const hitsAfterFresh = rule!.hits
    expect(hitsAfterFresh).toBe(3)
    expect((await getStatus(stack.appUrl, bearer(token))).status).toBe(200)
    expect(rule!.hits).toBe(hitsAfterFresh)
  })
})

describe('Clerk unreachable (connection refused)', () => {
  // An emulator for the keys and the Frontend API, and a Backend API URL where nothing listens.
  const down = useStack(async () => ({ env: { NUXT_CLERK_API_URL: `http://127.0.0.1:${await freePort()}/bapi` } }))

  it('the write answers 502 quickly; session checks keep working from the PEM key', async () => {
    const user = await createSignedInUser(down.emulator, down.appUrl)
    const token = await user.token()
    const started = performance.now()
    const res = await postOnboarding(down.appUrl, VALID_BODY, bearer(token))
    expect(res.status).toBe(502)
    expect(performance.now() - started).toBeLessThan(3_000)
    expect((await getStatus(down.appUrl, bearer(token))).status).toBe(200)
    // Forged tokens are still refused while Clerk is down.
    expect((await getStatus(down.appUrl, bearer(`${token.slice(0, -8)}AAAAAAAA`))).status).toBe(401)
    expect((await down.clerk.users.getUser(user.userId)).publicMetadata).toEqual({})
  })
})
