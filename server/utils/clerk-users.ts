import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import type { User } from '@clerk/backend'
import { apiError } from './api-error'
import { useClerkBackend } from './clerk'

// Worst case for one call, all attempts timing out: 3000 + 150 + 3000 + 300 + the 1550 ms left
// = DEADLINE_MS, so a request never waits on Clerk for more than 8 s (docs/security.md).
const ATTEMPTS = 3
const ATTEMPT_TIMEOUT_MS = 3000
const DEADLINE_MS = 8000
/** A Retry-After longer than this is passed on to the client instead of waited out. */
const MAX_RETRY_AFTER_MS = 2000
/** No new attempt starts with less time than this before the deadline. */
const MIN_ATTEMPT_MS = 500

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
    throw apiError(503, 'clerk_unavailable', '인증 서비스가 잠시 응답하지 않습니다. 잠시 후 다시 시도해주세요.', {
      retryAfter: last.retryAfter ?? 1,
    })
  }
  throw apiError(502, 'clerk_error', '인증 서비스와 통신하지 못했습니다. 잠시 후 다시 시도해주세요.')
}

/**
 * Deep-merges `patch` into the user's public metadata (Clerk's PATCH /users/{id}/metadata).
 * The tutorial replaced the whole object and wiped every key it did not set.
 */
export function mergePublicMetadata(event: H3Event, userId: string, patch: Record<string, unknown>): Promise<User> {
  return callClerk(event, () => useClerkBackend().users.updateUserMetadata(userId, { publicMetadata: patch }))
}

export function getClerkUser(event: H3Event, userId: string): Promise<User> {
  return callClerk(event, () => useClerkBackend().users.getUser(userId))
}
