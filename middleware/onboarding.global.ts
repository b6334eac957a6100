import { decideGate, SIGN_IN_PATH, type GateInput } from '#shared/gate'
import { MISSING_METADATA_CLAIM } from '#shared/metadata-claim'

let toldDeveloper = false

// The onboarding gate. Runs on the server for the first request (so a signed-out GET /dashboard is
// a redirect and the page's HTML is never sent) and on the client for later navigations.
export default defineNuxtRouteMiddleware(async (to, from) => {
  const { signedIn, pending, task, onboarded, claimless, ask } = useOnboardingState()
  // Development instances (pk_test_, as `npm run dev` and staging use) tell the developer in the browser too.
  if (import.meta.client && claimless.value && !toldDeveloper && useRuntimeConfig().public.clerk?.publishableKey?.startsWith('pk_test_')) {
    toldDeveloper = true
    console.error(`[onboarding] ${MISSING_METADATA_CLAIM}`)
  }
  const input: GateInput = {
    signedIn: signedIn.value,
    pending: pending.value,
    task: task.value,
    onboarded: onboarded.value,
    path: to.path,
    fullPath: to.fullPath,
    notFound: to.name === 'not-found',
  }
  let decision = decideGate(input)
  if (decision.action === 'ask') {
    try {
      decision = decideGate({ ...input, onboarded: await ask() })
    }
    catch (error) {
      // Not knowing is not "not onboarded": the page says the service is busy or down instead.
      const statusCode = (error as { statusCode?: number }).statusCode
      return abortNavigation(createError({ statusCode: statusCode && statusCode >= 400 ? statusCode : 502 }))
    }
  }
  if (decision.action === 'redirect') return navigateTo(decision.to, { redirectCode: 302 })

  // Clerk's components send a page whose session was revoked to the bare sign-in URL; the page
  // that was open is still the way back, as if the gate had sent the visitor from there.
  if (import.meta.client && !signedIn.value && to.path === SIGN_IN_PATH && to.query.redirect_url === undefined) {
    const back = decideGate({ signedIn: false, onboarded: false, path: from.path, fullPath: from.fullPath, notFound: from.name === 'not-found' })
    if (back.action === 'redirect') return navigateTo(back.to, { replace: true })
  }
})
