/**
 * Signed in? Onboarded? Read from the verified session claims (available during SSR too), or
 * from the freshly reloaded user object on the client: right after onboarding the user object is
 * newer than the token the browser still holds, and trusting only the token would bounce the
 * user back to /onboarding (the tutorial's bug).
 *
 * While clerk-js switches sessions (setActive after sign-in or sign-up) it reports "unknown"
 * (`isSignedIn` undefined) and navigates to the destination before it announces the new session.
 * Reading that as "signed out" sent the navigation through /sign-in; the session being set is
 * already the client's last active one, so it answers instead.
 */
export function useOnboardingState() {
  const { isSignedIn, sessionClaims } = useAuth()
  const { user } = useUser()
  const clerk = useClerk()
  const incoming = computed(() => {
    if (isSignedIn.value !== undefined) return undefined
    const client = clerk.value?.client
    return client?.signedInSessions.find(session => session.id === client.lastActiveSessionId)
  })
  const signedIn = computed(() => isSignedIn.value === true || Boolean(incoming.value))
  const onboarded = computed(() =>
    sessionClaims.value?.metadata?.onboardingComplete === true
    || user.value?.publicMetadata?.onboardingComplete === true
    || incoming.value?.user?.publicMetadata?.onboardingComplete === true,
  )
  return { signedIn, onboarded }
}
