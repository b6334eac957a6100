import type { H3Event } from 'h3'
import { apiError } from './api-error'

export interface AuthenticatedUser {
  userId: string
  sessionId: string
  claims: CustomJwtSessionClaims & Record<string, unknown>
}

/**
 * The only way a protected handler learns who is calling. Reads what `server/middleware/clerk.ts`
 * verified (session cookie or `Authorization: Bearer <session token>`: signature, expiry, `azp`)
 * and throws 401 for anyone else. Call it first, before reading params or the body.
 */
export function requireUser(event: H3Event): AuthenticatedUser {
  const auth = typeof event.context.auth === 'function' ? event.context.auth() : null
  if (!auth || !auth.userId || !auth.sessionId || !auth.sessionClaims) {
    throw apiError(event, 401, 'unauthenticated')
  }
  return {
    userId: auth.userId,
    sessionId: auth.sessionId,
    claims: auth.sessionClaims as AuthenticatedUser['claims'],
  }
}
