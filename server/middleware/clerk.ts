import type { H3Event } from 'h3'
import { clerkMiddleware } from '@clerk/nuxt/server'
import { expireHandshakeCookies, hasHandshakeCookie, urlWithoutClerkParams, urlWithoutParam, withoutHandshakeCookies } from '../lib/clerk-handshake'
import { admitNonceLookup, HANDSHAKE_NONCE, nonceCarriers, type NonceLookup } from '../lib/handshake-nonce'
import { authorizedPartiesFrom } from '../utils/authorized-parties'

/**
 * @clerk/nuxt's own clerkMiddleware, with the authorized parties from the runtime config
 * (NUXT_CLERK_AUTHORIZED_PARTIES). It puts Clerk's verdict on `event.context.auth` and decides
 * nothing: protected handlers call `requireUser(event)`, because path matching in middleware is
 * bypassable with encoded paths.
 */
const clerkHandler = clerkMiddleware({ authorizedParties: authorizedPartiesFrom(useRuntimeConfig().clerk.authorizedParties) })
// @clerk/nuxt's types carry their own copy of h3's H3Event, hence the cast.
const clerk = (event: H3Event) => clerkHandler(event as unknown as Parameters<typeof clerkHandler>[0])

/**
 * Clerk throws on a handshake token it cannot verify (development instances), which would answer
 * 500 on every path for as long as the cookie lives. Handshake material is single-use, so a request
 * carrying bad material is sent back to its own URL without Clerk's query parameters or, when a
 * cookie carried it, judged by Clerk without that cookie, which the answer expires.
 */
function recover(event: H3Event, error: unknown) {
  const url = event.node.req.url ?? '/'
  const clean = urlWithoutClerkParams(url)
  const hasCookie = hasHandshakeCookie(event)
  if (clean === url && !hasCookie) throw error
  expireHandshakeCookies(event)
  if (clean !== url) return sendRedirect(event, clean, 307)
  withoutHandshakeCookies(event)
  return clerk(event)
}

/**
 * A handshake nonce reaches Clerk, which spends a Backend API call on it, only when it could be
 * Clerk's (server/lib/handshake-nonce.ts); otherwise the request goes on without it: the cookie
 * expired and left out of the request, the query parameter removed by a redirect.
 */
function screenNonce(event: H3Event): { lookup?: NonceLookup, redirect?: string } {
  const carriers = nonceCarriers(event)
  if (!carriers.query && !carriers.cookie) return {}
  const lookup = admitNonceLookup(event)
  if (lookup) return { lookup }
  if (carriers.cookie) {
    expireHandshakeCookies(event)
    withoutHandshakeCookies(event)
  }
  return carriers.query ? { redirect: urlWithoutParam(event.node.req.url ?? '/', HANDSHAKE_NONCE) } : {}
}

/** Whether Clerk's answer sets cookies, on its own redirect or on the response it let through. */
function setsCookies(event: H3Event, answer: unknown, before: unknown): boolean {
  if (answer instanceof Response && answer.headers.getSetCookie().length > 0) return true
  return event.node.res.getHeader('set-cookie') !== before
}

export default defineEventHandler(async (event) => {
  // Liveness must not depend on Clerk's parsing of the caller's cookies. Skipping Clerk can only
  // leave a request signed out, so another spelling of this path gains nothing.
  if (event.path.split('?')[0] === '/api/health') return
  const { lookup, redirect } = screenNonce(event)
  if (redirect) return sendRedirect(event, redirect, 307)
  const cookiesBefore = lookup && event.node.res.getHeader('set-cookie')
  let answer: unknown
  try {
    answer = await clerk(event)
  }
  catch (error) {
    lookup?.settle(false)
    return recover(event, error)
  }
  lookup?.settle(setsCookies(event, answer, cookiesBefore))
  // Handshake material is single-use: once Clerk has read it, a cookie that stayed would be read
  // again on every request (a redirect loop when Clerk sends the request back to its own URL).
  if (hasHandshakeCookie(event)) expireHandshakeCookies(event)
  return answer
})
