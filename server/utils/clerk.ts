import { createClerkClient, type ClerkClient } from '@clerk/backend'

let client: ClerkClient | undefined

/**
 * One Backend API client for the process. @clerk/nuxt's `clerkClient(event)` builds a new one and
 * re-reads the runtime config on every call; the settings cannot change while we run.
 */
export function useClerkBackend(): ClerkClient {
  if (client) return client
  const config = useRuntimeConfig()
  client = createClerkClient({
    secretKey: config.clerk.secretKey,
    publishableKey: config.public.clerk.publishableKey,
    apiUrl: config.clerk.apiUrl || undefined,
    jwtKey: config.clerk.jwtKey || undefined,
    proxyUrl: config.public.clerk.proxyUrl || undefined,
    telemetry: { disabled: true },
  })
  return client
}
