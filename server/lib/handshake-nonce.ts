import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { SlidingWindowLimiter } from '../utils/rate-limit'

// Clerk redeems a `__clerk_handshake_nonce` (query parameter or cookie) with a Backend API call,
// `GET /v1/clients/handshake_payload`, on any request without a Bearer token, whatever the nonce
// holds, before it judges the request. Clerk only sends a browser's page loads through its
// handshake, and the Frontend API sends the browser straight back to the same page with the nonce,
// so a nonce on anything else cannot be Clerk's; and a client whose nonces keep failing is not
// running Clerk's flow. The Backend API limit is per Clerk instance, shared with the onboarding write.

export const HANDSHAKE_NONCE = '__clerk_handshake_nonce'

/** Failed lookups allowed per client address and minute; a lookup that Clerk answers with cookies is given back. */
export const FAILED_LOOKUPS = { max: 3, windowMs: 60_000 }

const failures = new SlidingWindowLimiter(FAILED_LOOKUPS)

/** Where the request carries a nonce: Clerk reads the query parameter first, then the cookie. */
export function nonceCarriers(event: H3Event): { query: boolean, cookie: boolean } {
  const url = event.node.req.url ?? ''
  const cookie = event.node.req.headers.cookie ?? ''
  return {
    query: url.includes(HANDSHAKE_NONCE) && new URL(url, 'http://clerk-dummy').searchParams.has(HANDSHAKE_NONCE),
    cookie: cookie.includes(HANDSHAKE_NONCE) && cookie.split(';').some(pair => pair.trim().startsWith(`${HANDSHAKE_NONCE}=`)),
  }
}

/**
 * A page load, as Clerk tells one from other requests before it starts a handshake: a GET for a
 * document or frame, or, from a browser that sends no Sec-Fetch-Dest, a GET that accepts HTML first.
 */
function isPageLoad(event: H3Event): boolean {
  if (event.method !== 'GET') return false
  const dest = getRequestHeader(event, 'sec-fetch-dest')
  if (dest) return dest === 'document' || dest === 'iframe'
  return (getRequestHeader(event, 'accept') ?? '').startsWith('text/html')
}

/**
 * The address the nearest proxy saw: the last X-Forwarded-For entry (Cloud Run's front end appends
 * the client's), else the socket's. Earlier entries are whatever the client wrote.
 */
export function clientAddress(event: H3Event): string {
  const forwarded = getRequestHeader(event, 'x-forwarded-for')?.split(',').at(-1)?.trim()
  return forwarded || event.node.req.socket?.remoteAddress || 'unknown'
}

export interface NonceLookup {
  /** Gives the lookup back to the client's allowance when Clerk's answer set cookies (the nonce was real). */
  settle: (setCookies: boolean) => void
}

/**
 * Whether Clerk may look this request's nonce up: only on a page load and within the client's
 * allowance of failed lookups, which the lookup holds until it is settled. Undefined: drop the nonce.
 */
export function admitNonceLookup(event: H3Event): NonceLookup | undefined {
  if (!isPageLoad(event)) return undefined
  const key = clientAddress(event)
  const now = Date.now()
  if (failures.take(key, now) > 0) return undefined
  return { settle: setCookies => setCookies && failures.giveBack(key, now) }
}
