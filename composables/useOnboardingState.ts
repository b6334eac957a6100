import { hasMetadataClaim } from '#shared/metadata-claim'

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
 *
 * A pending session (a session task such as `choose-organization` left to finish) is signed out
 * for Clerk, and the gate sends it to the task: clerk-js knows the session and its task once loaded;
 * before that (on the server, while hydrating) only the server's verdict on the request says it.
 *
 * A token without the `metadata` claim (the Clerk instance's session token template lacks it)
 * leaves `onboarded` undefined until clerk-js has the user or the server answered `ask()`; the
 * server's answer travels to the browser in the payload, so hydration decides as the server did.
 */
export function useOnboardingState() {
  const { isSignedIn, sessionClaims, userId } = useAuth()
  const { user } = useUser()
  const { session } = useSession()
  const clerk = useClerk()
  const answered = useState<{ userId: string, onboarded: boolean } | null>('onboarding-answer', () => null)
  const incoming = computed(() => {
    if (isSignedIn.value !== undefined) return undefined
    const client = clerk.value?.client
    // `signedInSessions` holds pending sessions too; only an active one is let in.
    return client?.signedInSessions.find(each => each.id === client.lastActiveSessionId && each.status === 'active')
  })
  const signedIn = computed(() => isSignedIn.value === true || Boolean(incoming.value))
  const pendingOnServer = useState<boolean>('session-pending', () => import.meta.server && useRequestEvent()?.context.auth?.().sessionStatus === 'pending')
  const pending = computed(() => !signedIn.value && (clerk.value?.loaded ? session.value?.status === 'pending' : pendingOnServer.value))
  const task = computed(() => pending.value ? session.value?.currentTask?.key : undefined)
  const claimless = computed(() => isSignedIn.value === true && !hasMetadataClaim(sessionClaims.value))
  const onboarded = computed<boolean | undefined>(() => {
    const users = [user.value, incoming.value?.user]
    if (sessionClaims.value?.metadata?.onboardingComplete === true || users.some(each => each?.publicMetadata?.onboardingComplete === true)) return true
    // clerk-js's user object carries the public metadata whatever the token template says.
    if (!claimless.value || users.some(Boolean)) return false
    const answer = answered.value
    return answer && answer.userId === userId.value ? answer.onboarded : undefined
  })

  /** Asks our server, which reads Clerk when the token has no claim, and keeps the answer for this user. */
  async function ask(): Promise<boolean> {
    const asking = userId.value
    // On the server this calls the API in-process with the page's cookies, as the browser's fetch would.
    const status = await useRequestFetch()('/api/onboarding-status', { headers: { 'sec-fetch-dest': 'empty', 'sec-fetch-site': 'same-origin' } })
    if (asking) answered.value = { userId: asking, onboarded: status.onboardingComplete }
    return status.onboardingComplete
  }

  return { signedIn, pending, task, onboarded, claimless, ask }
}
