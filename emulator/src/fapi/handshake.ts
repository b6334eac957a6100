import { appendResponseHeader, sendRedirect, setResponseHeader } from 'h3'
import { activeSessions, createClient } from '../clients.ts'
import { createDevBrowser, findDevBrowser } from '../dev-browsers.ts'
import { randomBase62 } from '../ids.ts'
import type { ClientRecord } from '../store.ts'
import { CATEGORY_SESSION_TOKEN, mintInstanceToken, signJwt } from '../tokens.ts'
import { clientUat, clientUatCookies, cookieSuffix, secure, setClientCookies, YEAR_SECONDS } from './cookies.ts'
import { isOriginAllowed } from './cors.ts'
import { fapiErrors } from './errors.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'

// The handshake (GET /v1/client/handshake): when @clerk/backend cannot tell the auth state from the
// cookies it has (first visit without a dev browser, expired token, `__client_uat` without
// `__session`, ...), it sends the browser here; we answer 307 back to `redirect_url` with the
// cookies to set, either as a signed JWT (format=token, Clerk's default) or stored under a nonce
// for the Backend API to hand out (format=nonce, what @clerk/backend 3 asks for). A development
// instance carries either in the query string, with the dev-browser token; a production instance
// sets it as a short-lived cookie on the app's domain, which the directives then delete.

const NONCE_TTL_MS = 5 * 60 * 1000
const HANDSHAKE_COOKIE_SECONDS = 60

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

/** Development: the browser's dev browser from the handshake URL (or cookie), a new one when it has none. */
function resolveDevBrowser(req: FapiRequest) {
  const token = req.devBrowserToken()
  const known = token ? findDevBrowser(req.store, token) : undefined
  if (!known) return createDevBrowser(req.store)
  if (!known.client_id || !req.store.data.clients[known.client_id]) known.client_id = createClient(req.store).id
  return known
}

function cookie(name: string, value: string, maxAge: number, attributes = ''): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${attributes}`
}

/** The app's cookies: `__session` and `__client_uat` (plain and suffixed), plus the dev browser in development. */
async function buildDirectives(req: FapiRequest, client: ClientRecord, devBrowserToken: string | null, origin: string): Promise<string[]> {
  const suffix = cookieSuffix(req.ctx.keys.publishableKey)
  const session = activeSessions(req.store, client).find(s => s.id === client.last_active_session_id)
  const user = session ? req.store.data.users[session.user_id] : undefined
  const jwt = session && user ? await mintInstanceToken(req.ctx, session, user, origin) : null
  const both = (name: string, value: string, maxAge: number, attributes = '') =>
    [cookie(name, value, maxAge, attributes), cookie(`${name}_${suffix}`, value, maxAge, attributes)]
  if (req.ctx.production) {
    const domain = req.ctx.production.appDomain
    return [
      ...both('__session', jwt ?? '', jwt ? YEAR_SECONDS : 0, secure(req.event)),
      ...clientUatCookies(req.ctx, jwt ? clientUat(req.store, client) : '0', req.event),
      // The handshake cookie has done its job once the app has read it.
      ...['__clerk_handshake', '__clerk_handshake_nonce'].map(name => cookie(name, '', 0, `; Domain=${domain}`)),
    ]
  }
  return [
    ...both('__clerk_db_jwt', devBrowserToken ?? '', YEAR_SECONDS),
    ...both('__session', jwt ?? '', jwt ? YEAR_SECONDS : 0),
    ...both('__client_uat', jwt ? String(Math.floor(client.updated_at / 1000)) : '0', YEAR_SECONDS),
  ]
}

/** Stores the directives under a fresh nonce (pruning expired ones) for BAPI's handshake_payload. */
function storeNonce(req: FapiRequest, directives: string[]): string {
  const nonce = randomBase62(32)
  const now = Date.now()
  for (const [key, old] of Object.entries(req.store.data.handshakeNonces)) if (old.expires_at < now) delete req.store.data.handshakeNonces[key]
  req.store.data.handshakeNonces[nonce] = { id: nonce, directives, created_at: now, expires_at: now + NONCE_TTL_MS }
  return nonce
}

async function signDirectives(req: FapiRequest, directives: string[]): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return signJwt(req.ctx.keys, { handshake: directives, iat, exp: iat + 60 }, CATEGORY_SESSION_TOKEN)
}

export const handshakeRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/client/handshake', handler: async (req) => {
    const target = parseRedirect(req)
    const nonceFormat = req.query.get('format') === 'nonce'
    const back = new URL(target)
    if (req.ctx.production) {
      const client = req.client()
      const directives = await buildDirectives(req, client, null, target.origin)
      const [name, value] = nonceFormat ? ['__clerk_handshake_nonce', storeNonce(req, directives)] : ['__clerk_handshake', await signDirectives(req, directives)]
      setClientCookies(req.ctx, req.event, client)
      appendResponseHeader(req.event, 'set-cookie', cookie(name, value, HANDSHAKE_COOKIE_SECONDS, `; Domain=${req.ctx.production.appDomain}; HttpOnly${secure(req.event)}`))
    }
    else {
      const devBrowser = resolveDevBrowser(req)
      const client = req.store.data.clients[devBrowser.client_id!]!
      const directives = await buildDirectives(req, client, devBrowser.token, target.origin)
      back.searchParams.set('__clerk_db_jwt', devBrowser.token)
      if (nonceFormat) back.searchParams.set('__clerk_handshake_nonce', storeNonce(req, directives))
      else back.searchParams.set('__clerk_handshake', await signDirectives(req, directives))
    }
    await req.store.commit()
    setResponseHeader(req.event, 'cache-control', 'no-store')
    return sendRedirect(req.event, back.toString(), 307)
  } },
]
