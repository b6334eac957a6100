import type { H3Event } from 'h3'
import { createError, getRequestHeaders, getRequestProtocol, setResponseHeader } from 'h3'
import { createClerkClient } from '@clerk/backend'
import type { AuthObject, ClerkClient } from '@clerk/backend'
import {
  AuthStatus, TokenType, constants, getAuthObjectForAcceptedToken, makeAuthObjectSerializable,
  signedInAuthObject, signedOutAuthObject, stripPrivateDataFromObject,
} from '@clerk/backend/internal'
import type { RequestState, SignedInAuthObject } from '@clerk/backend/internal'
import type { JwtPayload } from '@clerk/shared/types'
import { apiUrlFromPublishableKey } from '@clerk/shared/apiUrlFromPublishableKey'
import { handleNetlifyCacheInDevInstance } from '@clerk/shared/netlifyCacheHandler'
import { authorizedPartiesFrom } from './authorized-parties'
import { VerifiedTokenCache, type TokenCarrier } from './verified-token-cache'

// What @clerk/nuxt's clerkMiddleware does (node_modules/@clerk/nuxt/dist/runtime/server/clerkMiddleware.js),
// minus its per-request costs: it built a new Clerk client and re-read the runtime config on every
// request, and Clerk verified the same session token's signature again on every request. Every
// decision is still Clerk's `authenticateRequest`; a token it accepted is reused only while each
// check it made would give the same answer (see `cachedSession`). docs/benchmarks.md has the figures.

type RequestStateLike = RequestState<TokenType>
type ToAuth = (options?: { treatPendingAsSignedOut?: boolean }) => AuthObject

interface AuthSetup {
  client: ClerkClient
  /** The middleware's options, as clerkMiddleware({ authorizedParties }) passed them. */
  options: { authorizedParties?: string[], acceptsToken: 'any' }
  /** What signedInAuthObject reads from Clerk's authenticate context: the client's settings. */
  context: Record<string, unknown>
  cache: VerifiedTokenCache<JwtPayload>
  /** Development instances (pk_test_) need a dev-browser token before Clerk looks at the session. */
  development: boolean
  /** Satellite domains sync sessions by redirects; Clerk decides every one of their requests. */
  fastPathAllowed: boolean
}

/** Tokens reused before Clerk verifies again; NUXT_CLERK_TOKEN_CACHE_SIZE=0 turns the reuse off. */
const DEFAULT_TOKEN_CACHE_SIZE = 10_000

let setup: AuthSetup | undefined

function authSetup(): AuthSetup {
  if (setup) return setup
  const config = useRuntimeConfig()
  const clerk = config.clerk as Record<string, unknown>
  const pub = config.public.clerk as Record<string, unknown>
  const publishableKey = String(pub.publishableKey ?? '')
  // The same settings @clerk/nuxt's clerkClient(event) passes, resolved once.
  const clientOptions = {
    publishableKey,
    apiUrl: (clerk.apiUrl || pub.apiUrl || apiUrlFromPublishableKey(publishableKey)) as string,
    apiVersion: (clerk.apiVersion || pub.apiVersion || 'v1') as string,
    proxyUrl: pub.proxyUrl as string | undefined,
    domain: pub.domain as string | undefined,
    isSatellite: pub.isSatellite as boolean | undefined,
    secretKey: clerk.secretKey as string | undefined,
    machineSecretKey: clerk.machineSecretKey as string | undefined,
    jwtKey: clerk.jwtKey as string | undefined,
    telemetry: { disabled: true },
    userAgent: '@clerk/nuxt@3.0.16',
    sdkMetadata: { name: '@clerk/nuxt', version: '3.0.16', environment: process.env.NODE_ENV },
  }
  const options = { authorizedParties: authorizedPartiesFrom(clerk.authorizedParties), acceptsToken: 'any' as const }
  const size = Number(process.env.NUXT_CLERK_TOKEN_CACHE_SIZE || DEFAULT_TOKEN_CACHE_SIZE)
  setup = {
    client: createClerkClient(clientOptions),
    options,
    context: { ...clientOptions, ...options },
    cache: new VerifiedTokenCache<JwtPayload>(Number.isFinite(size) ? Math.max(0, Math.floor(size)) : DEFAULT_TOKEN_CACHE_SIZE),
    development: !publishableKey.startsWith('pk_live_'),
    fastPathAllowed: !pub.isSatellite,
  }
  return setup
}

/** The process's one Backend API client, shared by authentication and the metadata routes. */
export function clerkBackend(): ClerkClient {
  return authSetup().client
}

/** @clerk/nuxt's toWebRequest: the request as Clerk's authenticateRequest reads it. */
function toWebRequest(event: H3Event): Request {
  const url = new URL(event.node.req.url || '', `${getRequestProtocol(event)}://clerk-dummy`)
  return new Request(url, { method: event.method, headers: new Headers(getRequestHeaders(event) as Record<string, string>) })
}

/** Clerk's AuthenticateContext#parseAuthorizationHeader, exactly (a bare token counts, other schemes do not). */
function tokenFromAuthorizationHeader(header: string | undefined): string | undefined {
  if (!header) return undefined
  const [scheme, token] = header.split(' ', 2)
  if (!token) return scheme
  return scheme === 'Bearer' ? token : undefined
}

/** Characters of JWTs, integers and dev-browser ids: values every cookie parser reads the same way. */
const PLAIN_VALUE = /^[\w.-]*$/

/**
 * The session token and claims of a request that Clerk would accept without doing anything else,
 * or undefined when Clerk has to decide. A hit needs a token Clerk already accepted from the same
 * carrier, still inside its exp/nbf/iat, and a request on which none of the branches that run
 * before Clerk's signature check could fire: for a header token there are none; for a cookie token
 * (authenticateRequestWithTokenInCookie) no handshake or sync parameter or cookie, unambiguous
 * Clerk cookies (no duplicates; suffixed twins equal to the plain ones), `__client_uat` set and not
 * newer than the token's `iat`, a dev-browser token on development instances, and no document
 * navigation carrying a Referer (Clerk's cross-origin handshake). Anything unusual goes to Clerk.
 */
function cachedSession(event: H3Event, s: AuthSetup): { token: string, claims: JwtPayload } | undefined {
  if (!s.fastPathAllowed || s.cache.maxEntries === 0) return undefined
  const headers = event.node.req.headers
  if (headers.authorization) {
    const token = tokenFromAuthorizationHeader(headers.authorization)
    const entry = token ? s.cache.get(token, 'header') : undefined
    return entry && token ? { token, claims: entry.claims } : undefined
  }
  const url = event.node.req.url ?? ''
  const query = url.indexOf('?')
  // Clerk's handshake, sync and dev-browser parameters are all __clerk_*; '%' could spell one.
  if (query !== -1 && /clerk|%/i.test(url.slice(query))) return undefined
  if (event.method === 'GET' && headers['sec-fetch-dest'] === 'document' && headers.referer) return undefined
  const raw = headers.cookie
  if (!raw) return undefined
  const cookies = new Map<string, string>()
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const name = part.slice(0, eq).trim()
    if (!name.startsWith('__')) continue
    if (cookies.has(name) || name.startsWith('__clerk_handshake') || name.startsWith('__clerk_redirect')) return undefined
    cookies.set(name, part.slice(eq + 1).trim())
  }
  const token = cookies.get(constants.Cookies.Session)
  const clientUatValue = cookies.get(constants.Cookies.ClientUat)
  const devBrowser = cookies.get(constants.Cookies.DevBrowser)
  for (const [base, value] of [[constants.Cookies.Session, token], [constants.Cookies.ClientUat, clientUatValue], [constants.Cookies.DevBrowser, devBrowser]] as const) {
    if (value !== undefined && !PLAIN_VALUE.test(value)) return undefined
    for (const [name, other] of cookies) {
      if (name.startsWith(`${base}_`) && other !== value) return undefined
    }
  }
  const clientUat = Number.parseInt(clientUatValue || '') || 0
  if (!token || !clientUat || (s.development && !devBrowser)) return undefined
  const entry = s.cache.get(token, 'cookie')
  if (!entry || (entry.claims.iat as number) < clientUat) return undefined
  return { token, claims: entry.claims }
}

/**
 * Puts the result on the event as clerkMiddleware does: `event.context.auth(options)` and the
 * initial state the Vue plugin sends to the browser. The default auth object is built once per
 * request instead of on every call (each build creates a Backend API client).
 */
function setAuth(event: H3Event, toAuth: ToAuth): AuthObject {
  let byDefault: AuthObject | undefined
  const authObject: ToAuth = (options) => {
    if (options && options.treatPendingAsSignedOut === false) return toAuth(options)
    return (byDefault ??= toAuth())
  }
  // One function for every `acceptsToken` overload of Clerk's AuthFn, as in clerkMiddleware.
  event.context.auth = ((options?: { acceptsToken?: Parameters<typeof getAuthObjectForAcceptedToken>[0]['acceptsToken'], treatPendingAsSignedOut?: boolean }) =>
    getAuthObjectForAcceptedToken({ authObject: authObject(options), acceptsToken: options?.acceptsToken })) as typeof event.context.auth
  const auth = authObject()
  event.context.__clerk_initial_state = makeAuthObjectSerializable(stripPrivateDataFromObject(auth))
  return auth
}

/** Clerk's signedIn(...).toAuth for a session token, built from claims Clerk accepted. */
export function setSignedInSession(event: H3Event, token: string, claims: JwtPayload, context: Record<string, unknown> = authSetup().context): void {
  setAuth(event, ({ treatPendingAsSignedOut = true } = {}) => {
    const authObject = signedInAuthObject(context as never, token, claims)
    return treatPendingAsSignedOut && authObject.sessionStatus === 'pending' ? signedOutAuthObject(undefined, authObject.sessionStatus) : authObject
  })
}

/** Remembers a token Clerk accepted as a plain signed-in session (no refresh, no headers to send). */
function remember(s: AuthSetup, event: H3Event, state: RequestStateLike, auth: AuthObject): void {
  if (state.status !== AuthStatus.SignedIn || state.tokenType !== TokenType.SessionToken || !state.token) return
  let sendsHeaders = false
  state.headers.forEach(() => {
    sendsHeaders = true
  })
  if (sendsHeaders) return
  const signedIn = auth as SignedInAuthObject
  if (signedIn.tokenType !== TokenType.SessionToken || !signedIn.sessionClaims || signedIn.sessionStatus === 'pending') return
  // Clerk took the header path exactly when its header parser found a token.
  const carrier: TokenCarrier = tokenFromAuthorizationHeader(event.node.req.headers.authorization) ? 'header' : 'cookie'
  s.cache.remember(state.token, signedIn.sessionClaims, carrier)
}

/**
 * Authenticates the request once (session cookie or `Authorization: Bearer`) and puts the result
 * on `event.context.auth`, with the decisions of @clerk/nuxt's clerkMiddleware: the same
 * `authenticateRequest` options (authorized parties, any token type), the same 307 for a handshake.
 * Returns a Response only for that redirect.
 */
export async function authenticateEvent(event: H3Event): Promise<Response | undefined> {
  const s = authSetup()
  const hit = cachedSession(event, s)
  if (hit) {
    setSignedInSession(event, hit.token, hit.claims, s.context)
    return undefined
  }
  const state = await s.client.authenticateRequest(toWebRequest(event), s.options)
  const location = state.headers.get(constants.Headers.Location)
  if (location) {
    handleNetlifyCacheInDevInstance({ locationHeader: location, requestStateHeaders: state.headers, publishableKey: state.publishableKey })
    return new Response(null, { status: 307, headers: state.headers })
  }
  if (state.status === AuthStatus.Handshake) throw createError('Clerk: handshake status without redirect')
  state.headers.forEach((value, key) => {
    setResponseHeader(event, key, value)
  })
  const auth = setAuth(event, options => state.toAuth(options) as AuthObject)
  remember(s, event, state, auth)
  return undefined
}
