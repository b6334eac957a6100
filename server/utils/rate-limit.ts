import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import { apiError } from './api-error'

export interface RateLimit {
  /** Requests allowed per key within the window. */
  max: number
  windowMs: number
}

/**
 * An in-memory sliding-window limiter: each key keeps the times of its recent requests. It is per
 * server instance (Cloud Run may run several), so the effective limit is `max` times the
 * instance count; it exists to answer abuse with a clear 429 before Clerk's own per-user limit
 * (10 updates per 10 s) does.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>()
  #lastSweep = 0

  constructor(readonly limit: RateLimit) {}

  /** Keys currently remembered. */
  get keyCount(): number {
    return this.#hits.size
  }

  /** Records a request for `key`; returns 0 when allowed, else the milliseconds until one would be. */
  take(key: string, now = Date.now()): number {
    this.#sweep(now)
    const since = now - this.limit.windowMs
    const recent = (this.#hits.get(key) ?? []).filter(time => time > since)
    if (recent.length >= this.limit.max) {
      this.#hits.set(key, recent)
      return recent[0]! + this.limit.windowMs - now
    }
    recent.push(now)
    this.#hits.set(key, recent)
    return 0
  }

  /** Gives back a request recorded at `time` by take(), e.g. one that turned out not to count. */
  giveBack(key: string, time: number): void {
    const times = this.#hits.get(key)
    const index = times?.indexOf(time) ?? -1
    if (index >= 0) times!.splice(index, 1)
  }

  /** Forgets keys with no request inside the window, at most once per window, so memory stays bounded by active users. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < this.limit.windowMs) return
    this.#lastSweep = now
    const since = now - this.limit.windowMs
    for (const [key, times] of this.#hits) {
      if (times[times.length - 1]! <= since) this.#hits.delete(key)
    }
  }
}

const limiters = new Map<string, SlidingWindowLimiter>()

/** The limiter for calls a user's requests make to Clerk's Backend API: the onboarding write and `?fresh=1` reads. */
export const CLERK_USER_CALLS = 'clerk-user-calls'

/**
 * Throws 429 with `Retry-After` (whole seconds) when `key` (a user id) went over `limit` on the
 * limiter called `name`. Call it after authentication, so that the key is a verified user id.
 */
export function enforceRateLimit(event: H3Event, name: string, key: string, limit: RateLimit): void {
  let limiter = limiters.get(name)
  if (!limiter || limiter.limit.max !== limit.max || limiter.limit.windowMs !== limit.windowMs) {
    limiter = new SlidingWindowLimiter(limit)
    limiters.set(name, limiter)
  }
  const waitMs = limiter.take(key)
  if (waitMs > 0) {
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
    setResponseHeader(event, 'retry-after', retryAfter)
    throw apiError(event, 429, 'rate_limited', { retryAfter })
  }
}

/**
 * The per-user limit on calls to Clerk (CLERK_USER_CALLS), Clerk's own for user updates (10 per 10 s) unless
 * NUXT_ONBOARDING_RATE_LIMIT_MAX / NUXT_ONBOARDING_RATE_LIMIT_WINDOW_SECONDS say otherwise.
 */
export function onboardingRateLimit(): RateLimit {
  const { max, windowSeconds } = useRuntimeConfig().onboardingRateLimit
  return { max: Number(max) || 10, windowMs: (Number(windowSeconds) || 10) * 1000 }
}
