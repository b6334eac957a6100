import { timingSafeEqual } from 'node:crypto'
import { getRequestHeader, setResponseHeader, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, clerkHandler, sendClerkError } from '../http.ts'

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface BapiRoute {
  method: Method
  /** h3/radix3 pattern relative to the /bapi prefix, e.g. `/v1/users/:id`. */
  path: string
  handler: (event: H3Event) => unknown
}

/**
 * Clerk answers a missing or wrong secret key with 401 `clerk_key_invalid`; @clerk/backend looks for
 * that code when the JWKS fetch fails and reports it as an invalid secret key.
 */
export function requireSecretKey(event: H3Event, ctx: EmulatorContext): void {
  const header = getRequestHeader(event, 'authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const given = Buffer.from(match?.[1] ?? '')
  const expected = Buffer.from(ctx.keys.secretKey)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const message = 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.'
    throw clerkError(401, 'clerk_key_invalid', message, message)
  }
}

/**
 * Registers routes behind the secret-key check. Every path also gets a catch-all method handler
 * (405 with `Allow`), and unknown paths get a 404, both in Clerk's error envelope and both only
 * after authentication, as Clerk's API does not reveal its routes to anonymous callers.
 */
export function mountRoutes(router: Router, ctx: EmulatorContext, routes: BapiRoute[]): void {
  const methodsByPath = new Map<string, Method[]>()
  for (const route of routes) {
    router.add(route.path, clerkHandler((event) => {
      requireSecretKey(event, ctx)
      return route.handler(event)
    }), route.method.toLowerCase() as Lowercase<Method>)
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method])
  }
  for (const [path, methods] of methodsByPath) {
    router.use(path, clerkHandler((event) => {
      requireSecretKey(event, ctx)
      setResponseHeader(event, 'allow', methods.join(', '))
      throw clerkError(405, 'method_not_allowed', 'Method not allowed', `${event.method} is not supported on this endpoint; use ${methods.join(' or ')}.`)
    }))
  }
  router.use('/**', clerkHandler((event) => {
    requireSecretKey(event, ctx)
    return sendClerkError(event, clerkError(404, 'resource_not_found', 'not found', `No Backend API endpoint for ${event.method} ${event.path.split('?')[0]}.`))
  }))
}
