import { getRequestHeader, setResponseHeader, type H3Event } from 'h3'
import type { EmulatorContext } from '../context.ts'

// clerk-js calls FAPI cross-origin with `credentials: 'include'`, so the browser demands the exact
// Origin echoed back plus Allow-Credentials; a `*` would be rejected.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** With no configured origins any loopback origin may call (the emulator only listens locally). */
export function isOriginAllowed(ctx: EmulatorContext, origin: string): boolean {
  // The emulator's own origin serves the Account Portal (src/portal/), whatever the list says.
  if (ctx.baseUrl && origin === new URL(ctx.baseUrl).origin) return true
  const { allowedOrigins } = ctx.config
  if (allowedOrigins.length > 0) return allowedOrigins.includes(origin)
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && (LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost'))
  }
  catch {
    return false
  }
}

export function applyCorsHeaders(event: H3Event, origin: string): void {
  setResponseHeader(event, 'access-control-allow-origin', origin)
  setResponseHeader(event, 'access-control-allow-credentials', 'true')
  setResponseHeader(event, 'vary', 'Origin')
  // clerk-js reads a rotated dev-browser token and the country from these.
  setResponseHeader(event, 'access-control-expose-headers', 'Clerk-Db-Jwt, X-Country, Retry-After')
}

export function applyPreflightHeaders(event: H3Event): void {
  setResponseHeader(event, 'access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
  const requested = getRequestHeader(event, 'access-control-request-headers')
  setResponseHeader(event, 'access-control-allow-headers', requested || 'content-type, authorization')
  setResponseHeader(event, 'access-control-max-age', 600)
}
