import type { EmulatorContext } from '../context.ts'
import { newSessionRecord } from '../sessions.ts'
import type { UserRecord } from '../store.ts'
import { mintSessionToken } from '../tokens.ts'

/** Clerk's guidance: keep custom claims small, as browsers cap a cookie (the session token) at 4 KB. */
export const CLAIMS_GUIDANCE_BYTES = 1200

/**
 * The session token the claims template renders for a user right now, signed as a real one would
 * be, for a preview session that is never stored.
 */
export async function previewToken(ctx: EmulatorContext, user: UserRecord) {
  const session = { ...newSessionRecord(ctx.store, 'client_preview', user.id), id: 'sess_preview' }
  const { claims: template, lifetimeSeconds } = ctx.config.sessionToken
  const { jwt, claims } = await mintSessionToken({ keys: ctx.keys, user, session, template, ttlSeconds: lifetimeSeconds })
  const custom = Object.fromEntries(Object.keys(template).filter(k => k in claims).map(k => [k, claims[k]]))
  return {
    template,
    claims,
    token: jwt,
    token_bytes: Buffer.byteLength(jwt),
    custom_claims_bytes: Buffer.byteLength(JSON.stringify(custom)),
    guidance_bytes: CLAIMS_GUIDANCE_BYTES,
  }
}
