import { authenticateEvent, setSignedInSession } from '../utils/authenticate'
import { benchBaselineClaims, benchBaselineEnabled } from '../utils/bench-baseline'

/**
 * Authenticates every request once (cookie or `Authorization: Bearer`) and puts the result on
 * `event.context.auth`, as @clerk/nuxt's clerkMiddleware would (server/utils/authenticate.ts).
 * It decides nothing: protected handlers call `requireUser(event)`, because path matching in
 * middleware is bypassable with encoded paths.
 */
const authenticate = defineEventHandler(event => authenticateEvent(event))

// Benchmarks only: NUXT_BENCH_BASELINE=1 at startup (never a request) replaces authentication with
// a fixed user, against a local emulator only (server/utils/bench-baseline.ts, docs/benchmarks.md).
const baseline = defineEventHandler((event) => {
  setSignedInSession(event, 'bench-baseline', benchBaselineClaims())
})

export default benchBaselineEnabled(useRuntimeConfig().clerk) ? baseline : authenticate
