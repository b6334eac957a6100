import type { JwtPayload } from '@clerk/shared/types'

/**
 * The benchmark's baseline (bench/run.mjs, docs/benchmarks.md): with NUXT_BENCH_BASELINE=1 in the
 * environment at startup, the server skips Clerk entirely and every request is this one fixed,
 * onboarded user, so `/dashboard` renders exactly as for a signed-in user but with no
 * authentication work. Nothing in a request can turn it on: the variable is read once, when the
 * server starts. It also refuses to start unless the server talks to a local Clerk emulator
 * (sk_test_ key and a loopback Backend API URL), so a production deployment cannot run in this mode.
 */
export const BENCH_BASELINE_USER = {
  userId: 'user_bench_baseline',
  sessionId: 'sess_bench_baseline',
  metadata: { onboardingComplete: true, applicationName: 'Bench app', applicationType: 'benchmark' },
} as const

/** Read once at startup; never from a request. */
const requested = process.env.NUXT_BENCH_BASELINE === '1'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Why this configuration may not run the baseline, or undefined when it may (a local emulator). */
export function benchBaselineProblem(secretKey: string, apiUrl: string): string | undefined {
  if (!secretKey.startsWith('sk_test_')) return 'it needs a development (sk_test_) secret key'
  let host = ''
  try {
    host = new URL(apiUrl).hostname
  }
  catch { /* reported below */ }
  if (!LOOPBACK.has(host)) return 'it needs NUXT_CLERK_API_URL on loopback (the Clerk emulator)'
  return undefined
}

/** True when the baseline was requested and allowed; throws (the server does not start) when refused. */
export function benchBaselineEnabled(config: { secretKey?: unknown, apiUrl?: unknown }): boolean {
  if (!requested) return false
  const problem = benchBaselineProblem(String(config.secretKey ?? ''), String(config.apiUrl ?? ''))
  if (problem) throw new Error(`Refusing to start: NUXT_BENCH_BASELINE=1 is for benchmarks only, and ${problem}`)
  return true
}

/** Session claims shaped like a real session token's, for the baseline user. */
export function benchBaselineClaims(now = Math.floor(Date.now() / 1000)): JwtPayload {
  return {
    azp: 'http://localhost',
    exp: now + 3600,
    fva: [0, -1],
    iat: now,
    iss: 'https://bench-baseline.invalid',
    nbf: now - 10,
    sid: BENCH_BASELINE_USER.sessionId,
    sts: 'active',
    sub: BENCH_BASELINE_USER.userId,
    v: 2,
    metadata: { ...BENCH_BASELINE_USER.metadata },
  } as unknown as JwtPayload
}
