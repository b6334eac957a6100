import type { H3Event } from 'h3'
import { deleteCookie, parseCookies } from 'h3'

// Clerk's handshake hands a session over once, through a `__clerk_handshake` query parameter
// (development) or cookie (production), or a `__clerk_handshake_nonce`; all of Clerk's own query
// parameters start with `__clerk_`. Names only: what the values mean stays Clerk's business.
const CLERK_PARAM_PREFIX = '__clerk_'
const HANDSHAKE_COOKIE_PREFIX = '__clerk_handshake'

function handshakeCookieNames(event: H3Event): string[] {
  // Most requests carry none: the substring test spares them the cookie parse.
  if (!event.node.req.headers.cookie?.includes(HANDSHAKE_COOKIE_PREFIX)) return []
  return Object.keys(parseCookies(event)).filter(name => name.startsWith(HANDSHAKE_COOKIE_PREFIX))
}

export function hasHandshakeCookie(event: H3Event): boolean {
  return handshakeCookieNames(event).length > 0
}

/** Tells the browser to drop every handshake cookie the request carried. */
export function expireHandshakeCookies(event: H3Event): void {
  for (const name of handshakeCookieNames(event)) deleteCookie(event, name, { path: '/' })
}

/** Removes the handshake cookies from the request itself, so Clerk judges it without them. */
export function withoutHandshakeCookies(event: H3Event): void {
  const header = event.node.req.headers.cookie
  if (!header) return
  event.node.req.headers.cookie = header.split(';')
    .filter(pair => !pair.trim().startsWith(HANDSHAKE_COOKIE_PREFIX))
    .join(';')
}

function urlWithoutParams(url: string, drop: (name: string) => boolean): string {
  const parsed = new URL(url, 'http://clerk-dummy')
  for (const name of [...parsed.searchParams.keys()]) {
    if (drop(name)) parsed.searchParams.delete(name)
  }
  return `${parsed.pathname}${parsed.search}${parsed.hash}`
}

/** The request's path and query without Clerk's `__clerk_*` query parameters. */
export function urlWithoutClerkParams(url: string): string {
  return urlWithoutParams(url, name => name.startsWith(CLERK_PARAM_PREFIX))
}

/** The request's path and query without the query parameter `param`. */
export function urlWithoutParam(url: string, param: string): string {
  return urlWithoutParams(url, name => name === param)
}
