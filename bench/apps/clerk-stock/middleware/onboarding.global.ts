// Clerk's onboarding guide's middleware in Nuxt: signed-out visitors of the app's pages go to
// sign-in; signed-in users without `onboardingComplete` in their session claims go to onboarding.
export default defineNuxtRouteMiddleware((to) => {
  const { isSignedIn, sessionClaims } = useAuth()
  const isPublic = to.path === '/' || to.path.startsWith('/sign-in') || to.path.startsWith('/sign-up')
  if (!isSignedIn.value) return isPublic ? undefined : navigateTo('/sign-in')
  const onboarded = Boolean((sessionClaims.value?.metadata as { onboardingComplete?: boolean } | undefined)?.onboardingComplete)
  if (!onboarded && to.path !== '/onboarding') return navigateTo('/onboarding')
  if (onboarded && to.path === '/onboarding') return navigateTo('/dashboard')
})
