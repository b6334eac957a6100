import type { H3Event } from 'h3'
import { getRequestHeader, getRequestURL } from 'h3'
import { apiError } from './api-error'

/**
 * Refuses state-changing requests a browser sent on behalf of another site. Browsers always send
 * `Sec-Fetch-Site` and, for POST, `Origin`; server-to-server clients (Bearer tokens) send neither
 * and are allowed. Behind Cloud Run the public origin comes from X-Forwarded-Proto and Host.
 */
export function assertSameOrigin(event: H3Event): void {
  const site = getRequestHeader(event, 'sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') {
    throw apiError(event, 403, 'cross_site_request')
  }
  const origin = getRequestHeader(event, 'origin')
  if (origin && origin !== getRequestURL(event, { xForwardedHost: true, xForwardedProto: true }).origin) {
    throw apiError(event, 403, 'cross_site_request')
  }
}
