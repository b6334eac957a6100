import { clerkMiddleware } from '@clerk/nuxt/server'
import { authorizedPartiesFrom } from '../utils/authorized-parties'

/**
 * Authenticates every request once (cookie or `Authorization: Bearer`) and puts the result on
 * `event.context.auth`. It decides nothing: protected handlers call `requireUser(event)`, because
 * path matching in middleware is bypassable with encoded paths.
 */
export default clerkMiddleware({
  authorizedParties: authorizedPartiesFrom(useRuntimeConfig().clerk.authorizedParties),
})
