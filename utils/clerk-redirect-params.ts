import type { LocationQueryRaw } from 'vue-router'
import { cleanClerkRedirectQuery } from '#shared/redirect'

/**
 * Route middleware for Clerk's sign-in and sign-up pages: clerk-js reads its redirect parameters
 * from the address bar, ahead of the component's props, so only same-origin paths may stay there
 * (shared/redirect.ts). The pages import it rather than name it: a named middleware is a chunk of
 * its own, fetched before the page can hydrate, and clerk-js finishing its load in that wait made
 * `<ClerkLoading>` hydrate against a page already loaded (a hydration mismatch).
 */
export const clerkRedirectParams = defineNuxtRouteMiddleware((to) => {
  const clean = cleanClerkRedirectQuery(to.query, useRequestURL({ xForwardedHost: true, xForwardedProto: true }).origin)
  if (clean) return navigateTo({ path: to.path, query: clean as LocationQueryRaw, hash: to.hash }, { replace: true })
})
