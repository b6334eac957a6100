import { decideGate } from '#shared/gate'

/** How often a visible protected page asks Clerk whether its session still exists. */
export const SESSION_CHECK_MS = 10_000

/**
 * Leaves a protected page the moment clerk-js reports the session ended (sign-out here or in
 * another tab, a revoke elsewhere, expiry, a 401 from our API), for the sign-in page with the
 * return path, the way the gate would send a signed-out visitor; a session that became pending
 * (a task to finish, such as choosing an organization) goes to its task instead. Called once, in app.vue.
 */
export function useSessionWatch() {
  // Only the browser learns that a session ended; on the server this would be work for every page.
  if (import.meta.server) return
  const nuxtApp = useNuxtApp()
  const route = useRoute()
  const { isSignedIn } = useAuth()
  const { session } = useSession()
  const { pending, task } = useOnboardingState()
  const { dirty, lost } = useUnsavedEdit()

  /** Where the gate would send a signed-out (or pending) visitor of the current page, or null for public pages. */
  function signInTarget(): string | null {
    const decision = decideGate({ signedIn: false, pending: pending.value, task: task.value, onboarded: false, path: route.path, fullPath: route.fullPath, notFound: route.name === 'not-found' })
    return decision.action === 'redirect' ? decision.to : null
  }

  // The default pre-flush runs before the page re-renders, so the form's state is still there.
  watch(isSignedIn, (signedIn, before) => {
    if (signedIn === true) lost.value = false
    // Leaving "signed in" (clerk-js may pass through `undefined` while Clerk's own components
    // navigate) with unsaved input: the sign-in page says it was not saved.
    if (before === true && signedIn !== true && dirty.value) lost.value = true
    // `false` only: `undefined` is clerk-js between two sessions (sign-in, sign-out), not an ending.
    if (signedIn !== false) return
    dirty.value = false
    const target = signInTarget()
    if (target) return nuxtApp.runWithContext(() => navigateTo(target, { replace: true }))
  })

  // A revoke from another device reaches clerk-js only when it next calls the Frontend API: its
  // token refresh (about every 50 s with Clerk's 60 s tokens) or a window focus. A visible
  // protected page asks sooner, with one light `GET /v1/client/sessions/:id` every
  // SESSION_CHECK_MS and one when the tab becomes visible again; the answer's client no longer
  // holds an ended session, clerk-js signs out, and the watcher above leaves. Hidden tabs do not
  // poll: they check the moment they are shown, before anyone can read them.
  function check() {
    if (document.visibilityState !== 'visible' || isSignedIn.value !== true || !signInTarget()) return
    // clerk-js handles a 401 itself (it signs out); a network error changes nothing.
    session.value?.reload().catch(() => {})
  }
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(check, SESSION_CHECK_MS)
    document.addEventListener('visibilitychange', check)
  })
  onBeforeUnmount(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', check)
  })
}
