import { authorizedPartiesFrom } from '../utils/authorized-parties'

/** http://localhost, http://*.localhost and loopback IPs: secure contexts that only this machine can serve. */
function isLoopbackOrigin(origin: string): boolean {
  const { protocol, hostname } = new URL(origin)
  return protocol === 'http:' && (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]')
}

/**
 * Why this configuration must not serve a real (live) Clerk instance, or undefined when it may.
 * Without authorized parties Clerk does not check a session token's `azp`, so a token minted for
 * another site on the same instance would be accepted here. The emulator's sk_test_ keys skip the
 * requirement; a malformed list is refused for any key, because it would reject every user.
 */
function authorizedPartiesProblem(secretKey: string, value: unknown): string | undefined {
  const parties = authorizedPartiesFrom(value) ?? []
  const live = secretKey.startsWith('sk_live_')
  if (live && parties.length === 0) {
    return 'NUXT_CLERK_AUTHORIZED_PARTIES is required with a live Clerk secret key (sk_live_...): '
      + 'set it to the public origin(s) of this app, comma-separated, e.g. https://app.example.com'
  }
  for (const party of parties) {
    let origin: string | undefined
    try {
      origin = new URL(party).origin
    }
    catch { /* reported below */ }
    if (origin !== party) return `NUXT_CLERK_AUTHORIZED_PARTIES entry "${party}" is not an origin (scheme://host[:port], no path)`
    if (live && !party.startsWith('https://') && !isLoopbackOrigin(party)) return `NUXT_CLERK_AUTHORIZED_PARTIES entry "${party}" must be https:// (or a loopback http:// origin) with a live Clerk instance`
  }
  return undefined
}

// Fails the server at startup (Cloud Run's startup probe then keeps the old revision serving)
// instead of starting a production server that accepts foreign session tokens.
export default defineNitroPlugin(() => {
  if (import.meta.dev || import.meta.prerender) return
  const { clerk } = useRuntimeConfig()
  const problem = authorizedPartiesProblem(String(clerk.secretKey ?? ''), clerk.authorizedParties)
  if (problem) throw new Error(`Refusing to start: ${problem}`)
})
