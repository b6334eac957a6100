import type { H3Event } from 'h3'
import { clerkMiddleware } from '@clerk/nuxt/server'
import { expireHandshakeCookies, hasHandshakeCookie, urlWithoutClerkParams, withoutHandshakeCookies } from '../lib/clerk-handshake'
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

/** Clerk sending a request back to its own URL: with a handshake cookie that stays, a loop. */
function redirectsToItself(event: H3Event, answer: unknown): boolean {
  if (!(answer instanceof Response)) return false
  const location = answer.headers.get('location')
  if (!location) return false
  const target = new URL(location, 'http://clerk-dummy')
  return `${target.pathname}${target.search}` === event.node.req.url
}

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

export default defineEventHandler(async (event) => {
  // Liveness must not depend on Clerk's parsing of the caller's cookies. Skipping Clerk can only
  // leave a request signed out, so another spelling of this path gains nothing.
  if (event.path.split('?')[0] === '/api/health') return
  let answer: unknown
  try {
    answer = await clerk(event)
  }
  catch (error) {
    return recover(event, error)
  }
  // The redirect test first: it is free for the pages Clerk lets through, the cookie parse is not.
  if (redirectsToItself(event, answer) && hasHandshakeCookie(event)) expireHandshakeCookies(event)
  return answer
})
