import type { LocationQueryRaw } from 'vue-router'
import { cleanClerkRedirectQuery } from '#shared/redirect'

// For Clerk's sign-in and sign-up pages: clerk-js reads its redirect parameters from the address
// bar, ahead of the component's props, so only same-origin paths may stay there (shared/redirect.ts).
export default defineNuxtRouteMiddleware((to) => {
  const clean = cleanClerkRedirectQuery(to.query, useRequestURL({ xForwardedHost: true, xForwardedProto: true }).origin)
  if (clean) return navigateTo({ path: to.path, query: clean as LocationQueryRaw, hash: to.hash }, { replace: true })
})
