import { describe, expect, it } from 'vitest'
import { MAX_ENTRY_AGE_MS, timeClaimsValid, VerifiedTokenCache } from '../../server/utils/verified-token-cache'

const NOW = 1_800_000_000_000
const sec = (ms: number) => Math.floor(ms / 1000)
const claims = (over: Record<string, unknown> = {}) => ({ exp: sec(NOW) + 60, nbf: sec(NOW) - 10, iat: sec(NOW), ...over })

describe('timeClaimsValid: the exp/nbf/iat checks of @clerk/backend, with its 5 s skew', () => {
  it('accepts a token until exp plus the skew, and not at that instant', () => {
    const c = claims({ exp: sec(NOW) })
    expect(timeClaimsValid(c, NOW + 4_999)).toBe(true)
    expect(timeClaimsValid(c, NOW + 5_000)).toBe(false)
  })
  it('refuses nbf and iat further than the skew in the future, and non-numeric or missing exp', () => {
    expect(timeClaimsValid(claims({ nbf: sec(NOW) + 5 }), NOW)).toBe(true)
    expect(timeClaimsValid(claims({ nbf: sec(NOW) + 6 }), NOW)).toBe(false)
    expect(timeClaimsValid(claims({ iat: sec(NOW) + 6 }), NOW)).toBe(false)
    expect(timeClaimsValid(claims({ exp: String(sec(NOW) + 60) }), NOW)).toBe(false)
    expect(timeClaimsValid(claims({ exp: undefined }), NOW)).toBe(false)
    expect(timeClaimsValid(claims({ nbf: 'soon' }), NOW)).toBe(false)
  })
})

describe('VerifiedTokenCache', () => {
  it('answers only for the carrier Clerk accepted the token from', () => {
    const cache = new VerifiedTokenCache(10)
    cache.remember('t', claims(), 'cookie', NOW)
    expect(cache.get('t', 'cookie', NOW)?.claims).toEqual(claims())
    expect(cache.get('t', 'header', NOW)).toBeUndefined()
    cache.remember('t', claims(), 'header', NOW)
    expect(cache.get('t', 'header', NOW)).toBeDefined()
  })

  it('forgets a token when it expires, and after the maximum age whatever its exp says', () => {
    const cache = new VerifiedTokenCache(10)
    cache.remember('short', claims(), 'cookie', NOW)
    cache.remember('long', claims({ exp: sec(NOW) + 86_400 }), 'cookie', NOW)
    expect(cache.get('short', 'cookie', NOW + 64_999)).toBeDefined()
    expect(cache.get('short', 'cookie', NOW + 65_000)).toBeUndefined()
    expect(cache.size).toBe(1)
    expect(cache.get('long', 'cookie', NOW + MAX_ENTRY_AGE_MS - 1)).toBeDefined()
    expect(cache.get('long', 'cookie', NOW + MAX_ENTRY_AGE_MS)).toBeUndefined()
    expect(cache.size).toBe(0)
  })

  it('never stores a token that is already invalid, or anything when its size is 0', () => {
    const cache = new VerifiedTokenCache(10)
    cache.remember('old', claims({ exp: sec(NOW) - 10 }), 'cookie', NOW)
    expect(cache.size).toBe(0)
    const off = new VerifiedTokenCache(0)
    off.remember('t', claims(), 'cookie', NOW)
    expect(off.size).toBe(0)
  })

  it('is bounded: the least recently used token goes first', () => {
    const cache = new VerifiedTokenCache(3)
    for (const t of ['a', 'b', 'c']) cache.remember(t, claims(), 'cookie', NOW)
    cache.get('a', 'cookie', NOW)
    cache.remember('d', claims(), 'cookie', NOW)
    expect(cache.size).toBe(3)
    expect(cache.get('b', 'cookie', NOW)).toBeUndefined()
    for (const t of ['a', 'c', 'd']) expect(cache.get(t, 'cookie', NOW)).toBeDefined()
    for (let i = 0; i < 1000; i++) cache.remember(`x${i}`, claims(), 'cookie', NOW)
    expect(cache.size).toBe(3)
  })

  it('is keyed by the full token string', () => {
    const cache = new VerifiedTokenCache(10)
    cache.remember('header.payload.signature', claims(), 'cookie', NOW)
    expect(cache.get('header.payload.signatur', 'cookie', NOW)).toBeUndefined()
    expect(cache.get('header.payload.signature ', 'cookie', NOW)).toBeUndefined()
  })
})
