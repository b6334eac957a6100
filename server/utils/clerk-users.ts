import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import { clerkClient as nuxtClerkClient, type Session, type User } from '@clerk/nuxt/server'
import { apiError } from './api-error'
import { CLERK_USER_CALLS, enforceRateLimit, type RateLimit } from './rate-limit'

// Worst case for one call, all attempts timing out: 3000 + 150 + 3000 + 300 + the 1550 ms left
// = DEADLINE_MS, so a request never waits on Clerk for more than 8 s (docs/security.md).
const ATTEMPTS = 3
const ATTEMPT_TIMEOUT_MS = 3000
const DEADLINE_MS = 8000
/** A Retry-After longer than this is passed on to the client instead of waited out. */
const MAX_RETRY_AFTER_MS = 2000
/** No new attempt starts with less time than this before the deadline. */
const MIN_ATTEMPT_MS = 500

/** @clerk/nuxt's Backend API client; its types carry their own copy of h3's H3Event, hence the cast. */
function clerkClient(event: H3Event) {
  return nuxtClerkClient(event as unknown as Parameters<typeof nuxtClerkClient>[0])
}

interface ClerkFailure {
  status?: number
  retryAfter?: number
}

function describe(error: unknown): ClerkFailure {
  const e = error as { status?: number, retryAfter?: number }
  return { status: typeof e?.status === 'number' ? e.status : undefined, retryAfter: e?.retryAfter }
}

function retryable(failure: ClerkFailure): boolean {
  // No status: the request never got an answer (refused, reset, timed out).
  return failure.status === undefined || failure.status === 429 || failure.status >= 500
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('Clerk did not answer in time'), { timedOut: true })), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Calls Clerk's Backend API with a per-attempt timeout, a bounded number of retries and an overall
 * deadline. Only idempotent operations go through here (a metadata merge with the same values, a
 * read), so a retry after an attempt whose answer was lost cannot double-apply anything. A timed-out
 * attempt is not aborted (@clerk/backend takes no signal); it may still land, with the same values.
 */
async function callClerk<T>(event: H3Event, operation: () => Promise<T>): Promise<T> {
  let last: ClerkFailure = {}
  const deadline = Date.now() + DEADLINE_MS
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await withTimeout(operation(), Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()))
    }
    catch (error) {
      last = describe(error)
      if (!retryable(last) || attempt === ATTEMPTS) break
      const wait = last.retryAfter ? last.retryAfter * 1000 : 150 * 2 ** (attempt - 1)
      if (wait > MAX_RETRY_AFTER_MS || Date.now() + wait + MIN_ATTEMPT_MS > deadline) break
      await new Promise(resolve => setTimeout(resolve, wait))
    }
  }
  if (last.status === 429 || last.status === 503) {
    setResponseHeader(event, 'retry-after', last.retryAfter ?? 1)
    throw apiError(event, 503, 'clerk_unavailable', { retryAfter: last.retryAfter ?? 1 })
  }
  throw apiError(event, 502, 'clerk_error')
}

/**
 * Deep-merges `patch` into the user's public metadata (Clerk's PATCH /users/{id}/metadata).
 * The tutorial replaced the whole object and wiped every key it did not set.
 */
export function mergePublicMetadata(event: H3Event, userId: string, patch: Record<string, unknown>): Promise<User> {
  return callClerk(event, () => clerkClient(event).users.updateUserMetadata(userId, { publicMetadata: patch }))
}

export function getClerkUser(event: H3Event, userId: string): Promise<User> {
  return callClerk(event, () => clerkClient(event).users.getUser(userId))
}

/** The session as Clerk holds it now (revoked, ended, or `active`); a banned user's sessions are revoked. */
export function getClerkSession(event: H3Event, sessionId: string): Promise<Session> {
  return callClerk(event, () => clerkClient(event).sessions.getSession(sessionId))
}

const userReads = new Map<string, Promise<User>>()

/**
 * One Backend API read per user at a time: concurrent callers share the read in flight (and only
 * the one that starts it counts against the per-user limit, and against `budget`, a tighter limit
 * of the caller's own checked first), so one user cannot turn N requests into N calls on the
 * instance-wide quota.
 */
export function getClerkUserShared(event: H3Event, userId: string, limit: RateLimit, budget?: { name: string, limit: RateLimit }): Promise<User> {
  const pending = userReads.get(userId)
  if (pending) {
    return pending.catch((error: unknown) => {
      const retryAfter = (error as { data?: { retryAfter?: number } }).data?.retryAfter
      if (retryAfter) setResponseHeader(event, 'retry-after', retryAfter)
      throw error
    })
  }
  if (budget) enforceRateLimit(event, budget.name, userId, budget.limit)
  enforceRateLimit(event, CLERK_USER_CALLS, userId, limit)
  const read = getClerkUser(event, userId).finally(() => userReads.delete(userId))
  userReads.set(userId, read)
  return read
}
