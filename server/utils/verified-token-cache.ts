/** How a session token reached us; Clerk checks a cookie token and a header token differently. */
export type TokenCarrier = 'cookie' | 'header'

/** The time claims Clerk re-checks on every verification (numbers of seconds, as in the JWT). */
export interface TimeClaims {
  exp?: unknown
  nbf?: unknown
  iat?: unknown
}

export interface VerifiedToken<Claims extends TimeClaims = TimeClaims> {
  claims: Claims
  /** Which carriers Clerk accepted this exact token from (each has its own checks). */
  carriers: Set<TokenCarrier>
  /** Date.now() when it was first accepted; an entry never outlives `maxAgeMs` from here. */
  verifiedAt: number
}

/** @clerk/backend's default clock skew for exp, nbf and iat (DEFAULT_CLOCK_SKEW_IN_MS). */
export const CLERK_CLOCK_SKEW_MS = 5_000
/** @clerk/backend keeps a fetched JWKS for 5 minutes; no decision is reused for longer than that. */
export const MAX_ENTRY_AGE_MS = 5 * 60_000

// Date#setUTCSeconds, which Clerk's checks use, drops the fraction.
const ms = (seconds: number) => Math.trunc(seconds) * 1000

/**
 * True while Clerk's own time checks would still pass: exp (must be a number), nbf and iat
 * (optional), each with the same clock skew and comparison as @clerk/backend's verifyJwt.
 */
export function timeClaimsValid(claims: TimeClaims, now: number, skewMs = CLERK_CLOCK_SKEW_MS): boolean {
  const { exp, nbf, iat } = claims
  if (typeof exp !== 'number' || ms(exp) <= now - skewMs) return false
  if (nbf !== undefined && (typeof nbf !== 'number' || ms(nbf) > now + skewMs)) return false
  if (iat !== undefined && (typeof iat !== 'number' || ms(iat) > now + skewMs)) return false
  return true
}

/**
 * Session tokens that Clerk's `authenticateRequest` accepted, keyed by the full token string, so
 * that the next request with the same token skips the signature check. Bounded: least recently
 * used entries go first once `maxEntries` is reached (0 disables the cache). An entry is dropped
 * as soon as the token's exp/nbf/iat would fail Clerk's checks, and after `maxAgeMs` whatever the
 * token says. It only ever holds tokens verified with this process's key settings, which cannot
 * change while it runs: a rotated key (new NUXT_CLERK_JWT_KEY) means a new process and an empty cache.
 */
export class VerifiedTokenCache<Claims extends TimeClaims = TimeClaims> {
  readonly #entries = new Map<string, VerifiedToken<Claims>>()
  readonly maxEntries: number
  readonly maxAgeMs: number
  readonly skewMs: number

  constructor(maxEntries: number, maxAgeMs = MAX_ENTRY_AGE_MS, skewMs = CLERK_CLOCK_SKEW_MS) {
    this.maxEntries = maxEntries
    this.maxAgeMs = maxAgeMs
    this.skewMs = skewMs
  }

  get size(): number {
    return this.#entries.size
  }

  /** The entry for `token` if it was accepted from `carrier` and is still valid now. */
  get(token: string, carrier: TokenCarrier, now = Date.now()): VerifiedToken<Claims> | undefined {
    const entry = this.#entries.get(token)
    if (!entry) return undefined
    if (now - entry.verifiedAt >= this.maxAgeMs || !timeClaimsValid(entry.claims, now, this.skewMs)) {
      this.#entries.delete(token)
      return undefined
    }
    if (!entry.carriers.has(carrier)) return undefined
    // Most recently used last: Map keeps insertion order, so the first key is the eviction candidate.
    this.#entries.delete(token)
    this.#entries.set(token, entry)
    return entry
  }

  /** Records that Clerk accepted `token` from `carrier` with these claims. */
  remember(token: string, claims: Claims, carrier: TokenCarrier, now = Date.now()): void {
    if (this.maxEntries <= 0 || !timeClaimsValid(claims, now, this.skewMs)) return
    const existing = this.#entries.get(token)
    if (existing) {
      existing.carriers.add(carrier)
      return
    }
    while (this.#entries.size >= this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!)
    }
    this.#entries.set(token, { claims, carriers: new Set([carrier]), verifiedAt: now })
  }

  clear(): void {
    this.#entries.clear()
  }
}
