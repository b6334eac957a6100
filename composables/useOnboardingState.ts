/**
 * Signed in? Onboarded? Read from the verified session claims (available during SSR too), or
 * from the freshly reloaded user object on the client: right after onboarding the user object is
 * newer than the token the browser still holds, and trusting only the token would bounce the
 * user back to /onboarding (the tutorial's bug).
 */
export function useOnboardingState() {
  const { isSignedIn, sessionClaims } = useAuth()
  const { user } = useUser()
  const signedIn = computed(() => isSignedIn.value === true)
  const onboarded = computed(() =>
    sessionClaims.value?.metadata?.onboardingComplete === true
    || user.value?.publicMetadata?.onboardingComplete === true,
  )
  return { signedIn, onboarded }
}
