// What one session-token check costs in-process, without HTTP: Clerk's verifyToken with the PEM
// public key (networkless) and with the JWKS (fetched once from the Backend API, then cached by
// @clerk/backend), Clerk's whole authenticateRequest for a signed-in cookie request, and a hit in
// our verified-token cache (server/utils/verified-token-cache.ts).
import { createClerkClient, verifyToken } from '@clerk/backend'
import { VerifiedTokenCache } from '../../server/utils/verified-token-cache.ts'

async function perOp(iterations, fn) {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn()
  const started = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await fn()
  return Number(process.hrtime.bigint() - started) / 1000 / iterations
}

export async function verifyCost({ emulator, appUrl, user, iterations }) {
  const env = emulator.env
  const authorizedParties = [appUrl]
  const check = (result) => {
    if (result.errors) throw new Error(`verifyToken failed: ${result.errors[0]?.message}`)
  }
  check(await verifyToken(user.jwt, { jwtKey: env.NUXT_CLERK_JWT_KEY, authorizedParties }))
  check(await verifyToken(user.jwt, { secretKey: env.NUXT_CLERK_SECRET_KEY, apiUrl: env.NUXT_CLERK_API_URL, authorizedParties }))
  const client = createClerkClient({
    secretKey: env.NUXT_CLERK_SECRET_KEY,
    publishableKey: env.NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    apiUrl: env.NUXT_CLERK_API_URL,
    jwtKey: env.NUXT_CLERK_JWT_KEY,
    proxyUrl: env.NUXT_PUBLIC_CLERK_PROXY_URL,
    telemetry: { disabled: true },
  })
  const request = () => new Request(`${appUrl}/dashboard`, { headers: user.pageHeaders })
  const state = await client.authenticateRequest(request(), { authorizedParties, acceptsToken: 'any' })
  if (!state.isAuthenticated) throw new Error(`authenticateRequest: ${state.reason}`)
  const cache = new VerifiedTokenCache(10_000)
  cache.remember(user.jwt, JSON.parse(Buffer.from(user.jwt.split('.')[1], 'base64url')), 'cookie')

  // Interleaved in short batches, median of the batches, so a burst of load elsewhere on the
  // machine does not land on one method only.
  const methods = {
    pemVerifyUs: () => verifyToken(user.jwt, { jwtKey: env.NUXT_CLERK_JWT_KEY, authorizedParties }),
    jwksVerifyUs: () => verifyToken(user.jwt, { secretKey: env.NUXT_CLERK_SECRET_KEY, apiUrl: env.NUXT_CLERK_API_URL, authorizedParties }),
    authenticateRequestPemUs: () => client.authenticateRequest(request(), { authorizedParties, acceptsToken: 'any' }),
    cacheHitUs: () => cache.get(user.jwt, 'cookie'),
  }
  const batches = 10
  const samples = Object.fromEntries(Object.keys(methods).map(k => [k, []]))
  for (let b = 0; b < batches; b++) {
    for (const [name, fn] of Object.entries(methods)) samples[name].push(await perOp(Math.ceil(iterations / batches), fn))
  }
  const median = (list) => {
    const sorted = [...list].sort((x, y) => x - y)
    return sorted[Math.floor(sorted.length / 2)]
  }
  return { iterations, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) }
}
