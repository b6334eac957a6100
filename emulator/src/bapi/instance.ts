import type { H3Event } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, notFound, sendJson } from '../http.ts'
import { randomBase62 } from '../ids.ts'
import { queryString } from './query.ts'
import type { BapiRoute } from './route.ts'

// Instance-level endpoints: the signing key, testing tokens and the handshake nonce redemption.

/** The public half of the session-token key; @clerk/backend fetches it when no jwtKey is set. */
function getJwks(ctx: EmulatorContext) {
  return (event: H3Event) => sendJson(event, { keys: [ctx.keys.jwk] })
}

/**
 * @clerk/testing fetches one per run and appends it as `__clerk_testing_token` to Frontend API
 * calls to skip bot protection. The emulator has no bot protection, so the token is not checked.
 */
function createTestingToken() {
  return (event: H3Event) => {
    const now = Math.floor(Date.now() / 1000)
    return sendJson(event, { object: 'testing_token', token: `${now}-${randomBase62(32)}`, expires_at: now + 3600 })
  }
}

/** Redeems a nonce the Frontend API stored when it answered a handshake with `format=nonce`. */
function getHandshakePayload(ctx: EmulatorContext) {
  return (event: H3Event) => {
    const nonce = queryString(event, 'nonce')
    if (!nonce) throw clerkError(422, 'form_param_missing', 'nonce must be included.', 'nonce must be included.', { param_name: 'nonce' })
    const record = ctx.store.data.handshakeNonces[nonce]
    if (!record || record.expires_at < Date.now()) throw notFound('handshake nonce')
    return sendJson(event, { directives: record.directives })
  }
}

export function instanceRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'GET', path: '/v1/jwks', handler: getJwks(ctx) },
    { method: 'POST', path: '/v1/testing_tokens', handler: createTestingToken() },
    { method: 'GET', path: '/v1/clients/handshake_payload', handler: getHandshakePayload(ctx) },
  ]
}
