import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from '../../server/utils/rate-limit'

// The limiter's window arithmetic, with a controlled clock (load.test.ts covers it over HTTP).

describe('SlidingWindowLimiter', () => {
  it('allows max requests per window per key, then answers with the wait until the oldest expires', () => {
    const limiter = new SlidingWindowLimiter({ max: 3, windowMs: 10_000 })
    expect([0, 1_000, 2_000].map(t => limiter.take('u1', t))).toEqual([0, 0, 0])
    expect(limiter.take('u1', 2_500)).toBe(7_500)
    expect(limiter.take('u2', 2_500)).toBe(0)
    // The window slides: past 10 s the first request has left it; the next frees up at 11 s.
    expect(limiter.take('u1', 10_001)).toBe(0)
    expect(limiter.take('u1', 10_002)).toBe(998)
  })

  it('does not count refused requests, so hammering does not extend the wait', () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1_000 })
    expect(limiter.take('u', 0)).toBe(0)
    for (let t = 1; t < 1_000; t += 100) expect(limiter.take('u', t)).toBe(1_000 - t)
    expect(limiter.take('u', 1_000)).toBe(0)
  })

  it('forgets idle keys, so memory is bounded by the users active in one window', () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 1_000 })
    for (let i = 0; i < 1_000; i++) limiter.take(`user_${i}`, 0)
    limiter.take('late', 5_000)
    // Every old key was swept: each may write again at once.
    expect(limiter.take('user_1', 5_001)).toBe(0)
    expect(limiter.keyCount).toBe(2)
  })
})
