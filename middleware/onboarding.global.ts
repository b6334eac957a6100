import { decideGate } from '#shared/gate'

// The onboarding gate. Runs on the server for the first request (so a signed-out GET /dashboard is
// a redirect and the page's HTML is never sent) and on the client for later navigations.
export default defineNuxtRouteMiddleware((to) => {
  const { signedIn, onboarded } = useOnboardingState()
  const decision = decideGate({
    signedIn: signedIn.value,
    onboarded: onboarded.value,
    path: to.path,
    fullPath: to.fullPath,
    notFound: to.name === 'not-found',
  })
  if (decision.action === 'redirect') return navigateTo(decision.to, { redirectCode: 302 })
})
