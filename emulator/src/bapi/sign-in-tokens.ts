import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, notFound, readClerkBody, requiredString, sendJson } from '../http.ts'
import type { SignInTokenRecord } from '../store.ts'
import { signJwt } from '../tokens.ts'
import { fapiUrl } from '../urls.ts'
import { optionalInt } from './params.ts'
import type { BapiRoute } from './route.ts'
import { signInTokenJson } from './json.ts'

/** Clerk's default sign-in token lifetime: 30 days. */
const DEFAULT_TTL_SECONDS = 30 * 24 * 3600

/** Where Clerk would send a user to redeem the ticket; clerk-js itself redeems it with the `ticket` strategy. */
function ticketUrl(ctx: EmulatorContext, token: string): string {
  return `${fapiUrl(ctx)}/v1/tickets/accept?ticket=${encodeURIComponent(token)}`
}

/**
 * Stored in `store.data.signInTokens`; the Frontend API's `ticket` strategy looks the token up by
 * its `token` string, checks `status === 'pending'` and `expires_at`, and marks it `accepted`.
 */
function createSignInToken(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const body = await readClerkBody(event)
    const userId = requiredString(body, 'user_id')
    const ttl = optionalInt(body, 'expires_in_seconds', 1) ?? DEFAULT_TTL_SECONDS
    if (!ctx.store.data.users[userId]) throw notFound('user')
    const now = Date.now()
    const id = ctx.store.newId('sit')
    const expiresAt = now + ttl * 1000
    // A signed JWT like Clerk's, though only its exact string matters when it is redeemed.
    const token = await signJwt(ctx.keys, {
      iss: `https://${ctx.keys.frontendApiDomain}`,
      sub: userId,
      sid: id,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
    })
    const record: SignInTokenRecord = { id, token, user_id: userId, status: 'pending', created_at: now, updated_at: now, expires_at: expiresAt }
    ctx.store.data.signInTokens[id] = record
    await ctx.store.commit()
    return sendJson(event, signInTokenJson(record, ticketUrl(ctx, token)))
  }
}

function revokeSignInToken(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const id = getRouterParam(event, 'id')
    const record = id ? ctx.store.data.signInTokens[id] : undefined
    if (!record) throw notFound('sign-in token')
    if (record.status !== 'pending') {
      throw clerkError(400, 'sign_in_token_cannot_be_revoked', 'Sign-in token cannot be revoked', `Only pending sign-in tokens can be revoked; this one is ${record.status}.`)
    }
    record.status = 'revoked'
    record.updated_at = Date.now()
    await ctx.store.commit()
    return sendJson(event, signInTokenJson(record, ticketUrl(ctx, record.token)))
  }
}

export function signInTokenRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'POST', path: '/v1/sign_in_tokens', handler: createSignInToken(ctx) },
    { method: 'POST', path: '/v1/sign_in_tokens/:id/revoke', handler: revokeSignInToken(ctx) },
  ]
}
