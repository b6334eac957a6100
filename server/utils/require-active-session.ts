import type { H3Event } from 'h3'
import { apiError } from './api-error'
import { getClerkSession } from './clerk-users'

/**
 * For state-changing calls: the session token may be up to a minute old, so ask Clerk whether it
 * still holds the session active. One Backend API read covers revocation, sign-out elsewhere and
 * bans (Clerk revokes every session of a banned user). Throws 401 `session_inactive` otherwise.
 */
export async function requireActiveSession(event: H3Event, sessionId: string): Promise<void> {
  const session = await getClerkSession(event, sessionId)
  if (session.status !== 'active') throw apiError(event, 401, 'session_inactive')
}
