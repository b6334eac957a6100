import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import type { User } from '@clerk/backend'
import { apiError } from './api-error'
import { useClerkBackend } from './clerk'

const ATTEMPTS = 3
const ATTEMPT_TIMEOUT_MS = 4000
const MAX_RETRY_AFTER_MS = 2000

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
 * Calls Clerk's Backend API with a per-attempt timeout and a bounded number of retries. Only
 * idempotent operations go through here (a metadata merge with the same values, a read), so a
 * retry after an attempt whose answer was lost cannot double-apply anything.
 */
async function callClerk<T>(event: H3Event, operation: () => Promise<T>): Promise<T> {
  let last: ClerkFailure = {}
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await withTimeout(operation(), ATTEMPT_TIMEOUT_MS)
    }
    catch (error) {
      last = describe(error)
      if (!retryable(last) || attempt === ATTEMPTS) break
      const wait = last.retryAfter ? Math.min(last.retryAfter * 1000, MAX_RETRY_AFTER_MS) : 150 * 2 ** (attempt - 1)
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
