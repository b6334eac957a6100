import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { appendResponseHeader, getRequestProtocol, parseCookies, type H3Event } from 'h3'
import type { EmulatorContext } from '../context.ts'
import type { ClientRecord, Store } from '../store.ts'
import { activeSessions } from '../clients.ts'

// A production instance has no dev browser: the Frontend API knows the browser by `__client`, an
// httpOnly cookie on its own host, and tells the app's server that the client changed through
// `__client_uat` ("client updated at", seconds; 0 when signed out) on the app's domain, which
// @clerk/backend compares with the session token's `iat`.

const CLIENT_COOKIE = '__client'
export const YEAR_SECONDS = 365 * 24 * 60 * 60

/** @clerk/shared's cookie suffix: the first 8 base64url characters of SHA-1(publishable key). */
export function cookieSuffix(publishableKey: string): string {
  return createHash('sha1').update(publishableKey).digest('base64url').slice(0, 8)
}

function sign(ctx: EmulatorContext, clientId: string): string {
  return createHmac('sha256', ctx.keys.secretKey).update(clientId).digest('base64url')
}

/** The client id a `__client` cookie names, when its signature is this instance's. */
export function clientIdFromCookie(ctx: EmulatorContext, event: H3Event): string | null {
  const value = parseCookies(event)[CLIENT_COOKIE]
  const dot = value?.lastIndexOf('.') ?? -1
  if (!value || dot < 1) return null
  const id = value.slice(0, dot)
  const given = Buffer.from(value.slice(dot + 1))
  const expected = Buffer.from(sign(ctx, id))
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
}

/** `__client_uat`'s value: the client's last change in seconds while it has a session, else 0. */
export function clientUat(store: Store, client: ClientRecord): string {
  return activeSessions(store, client).length > 0 ? String(Math.floor(client.updated_at / 1000)) : '0'
}

/** `Secure` only over https, so the cookies also work on plain http://*.localhost. */
export function secure(event: H3Event): string {
  return getRequestProtocol(event) === 'https' ? '; Secure' : ''
}

/** `__client_uat` (plain and suffixed) for the app's domain, as a Set-Cookie value list. */
export function clientUatCookies(ctx: EmulatorContext, value: string, event: H3Event): string[] {
  const domain = ctx.production!.appDomain
  const suffix = cookieSuffix(ctx.keys.publishableKey)
  return ['__client_uat', `__client_uat_${suffix}`].map(name => `${name}=${value}; Path=/; Domain=${domain}; Max-Age=${YEAR_SECONDS}; SameSite=Lax${secure(event)}`)
}

/** Sets `__client` on the Frontend API's host and `__client_uat` on the app's domain (production only). */
export function setClientCookies(ctx: EmulatorContext, event: H3Event, client: ClientRecord): void {
  if (!ctx.production) return
  const value = `${client.id}.${sign(ctx, client.id)}`
  appendResponseHeader(event, 'set-cookie', `${CLIENT_COOKIE}=${value}; Path=/; Max-Age=${YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure(event)}`)
  for (const cookie of clientUatCookies(ctx, clientUat(ctx.store, client), event)) appendResponseHeader(event, 'set-cookie', cookie)
}
