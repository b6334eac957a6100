import type { EmulatorContext } from '../context.ts'
import { clerkError } from '../http.ts'

/** Clerk's per-user limit on user updates: 10 requests per 10 seconds. */
export const USER_UPDATE_LIMIT = 10
export const USER_UPDATE_WINDOW_MS = 10_000

// Kept beside the context rather than in the store: limits are runtime state, never persisted.
const windows = new WeakMap<EmulatorContext, Map<string, number[]>>()

/**
 * Sliding-window check for user updates (PATCH /users/{id} and both metadata writes), active only
 * with the `rateLimits` option so ordinary test suites are not throttled.
 */
export function checkUserUpdateRate(ctx: EmulatorContext, userId: string, now = Date.now()): void {
  if (!ctx.options.rateLimits) return
  let perUser = windows.get(ctx)
  if (!perUser) windows.set(ctx, perUser = new Map())
  const recent = (perUser.get(userId) ?? []).filter(at => now - at < USER_UPDATE_WINDOW_MS)
  if (recent.length >= USER_UPDATE_LIMIT) {
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + USER_UPDATE_WINDOW_MS - now) / 1000))
    perUser.set(userId, recent)
    const error = clerkError(429, 'too_many_requests', 'Too Many Requests', `Rate limit exceeded: at most ${USER_UPDATE_LIMIT} updates per ${USER_UPDATE_WINDOW_MS / 1000} s for one user. Retry after ${retryAfter} s.`)
    Object.assign(error.headers, { 'retry-after': String(retryAfter) })
    throw error
  }
  recent.push(now)
  perUser.set(userId, recent)
}
