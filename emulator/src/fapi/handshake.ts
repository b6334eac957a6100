import { createHash } from 'node:crypto'
import { sendRedirect, setResponseHeader } from 'h3'
import { randomBase62 } from '../ids.ts'
import type { DevBrowserRecord } from '../store.ts'
import { CATEGORY_SESSION_TOKEN, mintInstanceToken, signJwt } from '../tokens.ts'
import { createDevBrowser } from './client.ts'
import { isOriginAllowed } from './cors.ts'
import { fapiErrors } from './errors.ts'
import { findDevBrowser, type FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { activeSessions, createClient } from './clients.ts'

// The handshake (GET /v1/client/handshake): when @clerk/backend cannot tell the auth state from the
// cookies it has (first visit without a dev browser, expired token, `__client_uat` without
// `__session`, ...), it sends the browser here; we answer 307 back to `redirect_url` with the
// cookies to set, either as a signed JWT in `__clerk_handshake` (format=token, Clerk's default) or
// stored under `__clerk_handshake_nonce` for the Backend API to hand out (format=nonce, what
// @clerk/backend 3 asks for). Development instances carry both in the query string.

const NONCE_TTL_MS = 5 * 60 * 1000
const COOKIE_MAX_AGE = 365 * 24 * 60 * 60

/** @clerk/shared's cookie suffix: the first 8 base64url characters of SHA-1(publishable key). */
export function cookieSuffix(publishableKey: string): string {
  return createHash('sha1').update(publishableKey).digest('base64url').slice(0, 8)
}

function parseRedirect(req: FapiRequest): URL {
  const raw = req.query.get('redirect_url')
  if (!raw) throw fapiErrors.paramMissing('redirect_url')
  let url: URL
  try { url = new URL(raw) }
  catch { throw fapiErrors.paramInvalid('redirect_url', 'redirect_url must be an absolute URL.') }
  // No open redirect: only back to an app origin this instance serves.
  if (!isOriginAllowed(req.ctx, url.origin)) throw fapiErrors.paramInvalid('redirect_url', `redirect_url must point to an allowed origin; ${url.origin} is not one.`)
  return url
}

/** The browser's dev browser from the handshake URL (or cookie); a new one when it has none yet. */
function resolveDevBrowser(req: FapiRequest): DevBrowserRecord {
  const token = req.devBrowserToken()
  const known = token ? findDevBrowser(req.ctx, token) : undefined
  if (!known) return createDevBrowser(req)
  if (!known.client_id || !req.store.data.clients[known.client_id]) known.client_id = createClient(req.store).id
  return known
}

function cookie(name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax`
}

/** Each cookie twice: plain, and suffixed (apps read whichever their Clerk version uses). */
async function buildDirectives(req: FapiRequest, devBrowser: DevBrowserRecord, origin: string): Promise<string[]> {
  const suffix = cookieSuffix(req.ctx.keys.publishableKey)
  const client = req.store.data.clients[devBrowser.client_id!]!
  const session = activeSessions(req.store, client).find(s => s.id === client.last_active_session_id)
  const user = session ? req.store.data.users[session.user_id] : undefined
  const jwt = session && user ? await mintInstanceToken(req.ctx, session, user, origin) : null
  const values: Array<[string, string, number]> = [
    ['__clerk_db_jwt', devBrowser.token, COOKIE_MAX_AGE],
    ['__session', jwt ?? '', jwt ? COOKIE_MAX_AGE : 0],
    ['__client_uat', jwt ? String(Math.floor(client.updated_at / 1000)) : '0', COOKIE_MAX_AGE],
  ]
  return values.flatMap(([name, value, maxAge]) => [cookie(name, value, maxAge), cookie(`${name}_${suffix}`, value, maxAge)])
}

export const handshakeRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/client/handshake', handler: async (req) => {
    const target = parseRedirect(req)
    const devBrowser = resolveDevBrowser(req)
    const directives = await buildDirectives(req, devBrowser, target.origin)
    const back = new URL(target)
    back.searchParams.set('__clerk_db_jwt', devBrowser.token)
    if (req.query.get('format') === 'nonce') {
      const nonce = randomBase62(32)
      const now = Date.now()
      for (const [key, old] of Object.entries(req.store.data.handshakeNonces)) if (old.expires_at < now) delete req.store.data.handshakeNonces[key]
      req.store.data.handshakeNonces[nonce] = { id: nonce, directives, created_at: now, expires_at: now + NONCE_TTL_MS }
      back.searchParams.set('__clerk_handshake_nonce', nonce)
    }
    else {
      const iat = Math.floor(Date.now() / 1000)
      const token = await signJwt(req.ctx.keys, { handshake: directives, iat, exp: iat + 60 }, CATEGORY_SESSION_TOKEN)
      back.searchParams.set('__clerk_handshake', token)
    }
    await req.store.commit()
    setResponseHeader(req.event, 'cache-control', 'no-store')
    return sendRedirect(req.event, back.toString(), 307)
  } },
]
