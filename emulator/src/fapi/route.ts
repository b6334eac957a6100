import { eventHandler, getRequestHeader, setResponseHeader, setResponseStatus, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { ClerkHttpError, clerkError, sendClerkError, sendJson } from '../http.ts'
import { setClientCookies } from './cookies.ts'
import { applyCorsHeaders, applyPreflightHeaders, isOriginAllowed } from './cors.ts'
import { fapiErrors } from './errors.ts'
import { clientJson } from './json.ts'
import { FapiRequest, type FapiMethod } from './request.ts'

export type FapiHandler = (req: FapiRequest) => unknown

export interface FapiRoute {
  method: FapiMethod
  /** h3/radix3 pattern relative to the /fapi prefix, e.g. `/v1/client/sessions/:id`. */
  path: string
  handler: FapiHandler
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * clerk-js sends PATCH/PUT/DELETE as POST with `?_method=` (a CORS-simple request); real verbs
 * are accepted too so plain HTTP clients and tests can call the API directly.
 */
function effectiveMethod(event: H3Event): FapiMethod | null {
  const real = event.method.toUpperCase()
  if (real === 'HEAD') return 'GET'
  if (real !== 'POST') return METHODS.has(real) ? (real as FapiMethod) : null
  const override = new URL(event.path, 'http://emulator.invalid').searchParams.get('_method')
  if (!override) return 'POST'
  const upper = override.toUpperCase()
  return METHODS.has(upper) ? (upper as FapiMethod) : null
}

/**
 * The client an error answer carries as `meta.client`, as Clerk's does: clerk-js adopts it like a
 * success's `client`, which is how a tab whose sign-in meets `session_exists` finds the session
 * another tab started. None when the request never reached its client.
 */
async function clientMeta(ctx: EmulatorContext, req: FapiRequest | undefined, origin: string | null): Promise<Record<string, unknown> | undefined> {
  return req?.resolvedClient ? { client: await clientJson(ctx, req.resolvedClient, origin) } : undefined
}

/**
 * One path of the Frontend API: CORS (exact origin, credentials, preflight), method override,
 * Clerk-shaped errors, and a store commit before the answer leaves.
 */
function mountPath(router: Router, ctx: EmulatorContext, path: string, handlers: Partial<Record<FapiMethod, FapiHandler>>): void {
  const allowed = Object.keys(handlers)
  router.use(path, eventHandler(async (event) => {
    const origin = getRequestHeader(event, 'origin') ?? null
    let req: FapiRequest | undefined
    try {
      if (origin) {
        if (!isOriginAllowed(ctx, origin)) throw fapiErrors.originInvalid(origin)
        applyCorsHeaders(event, origin)
      }
      if (event.method === 'OPTIONS') {
        applyPreflightHeaders(event)
        setResponseStatus(event, 204)
        return ''
      }
      const method = effectiveMethod(event)
      const handler = method ? handlers[method] : undefined
      if (!method || !handler) {
        const asked = method ?? new URL(event.path, 'http://emulator.invalid').searchParams.get('_method') ?? event.method
        setResponseHeader(event, 'allow', allowed.join(', '))
        throw fapiErrors.methodNotAllowed(asked, allowed)
      }
      req = new FapiRequest(event, ctx, method, origin)
      const result = await handler(req)
      // Even a GET may have created a client; an acknowledged answer must be a durable one.
      await ctx.store.commit()
      if (event.handled) return undefined
      if (req.resolvedClient) setClientCookies(ctx, event, req.resolvedClient)
      return sendJson(event, result)
    }
    catch (error) {
      // A client created before a 4xx is kept, and the browser told which it is.
      if (req?.resolvedClient && !event.handled) setClientCookies(ctx, event, req.resolvedClient)
      if (error instanceof ClerkHttpError) return sendClerkError(event, error, await clientMeta(ctx, req, origin))
      console.error('[clerk-emulator] unexpected Frontend API error', event.path.split('?')[0], error)
      return sendClerkError(event, clerkError(500, 'internal_clerk_error', 'Oops, an unexpected error occurred', 'The emulator hit an unexpected error; see its log.'))
    }
  }))
}

/** Registers a table of Frontend API routes, one h3 handler per path (method override and 405 need them together). */
export function mountFapiRoutes(router: Router, ctx: EmulatorContext, routes: FapiRoute[]): void {
  const byPath = new Map<string, Partial<Record<FapiMethod, FapiHandler>>>()
  for (const route of routes) {
    const handlers = byPath.get(route.path) ?? {}
    if (handlers[route.method]) throw new Error(`duplicate Frontend API route ${route.method} ${route.path}`)
    handlers[route.method] = route.handler
    byPath.set(route.path, handlers)
  }
  for (const [path, handlers] of byPath) mountPath(router, ctx, path, handlers)
}
