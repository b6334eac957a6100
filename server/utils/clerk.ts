import type { ClerkClient } from '@clerk/backend'
import { clerkBackend } from './authenticate'

/**
 * The Backend API client for handlers: built once per process from the runtime config (see
 * server/utils/authenticate.ts). @clerk/nuxt's `clerkClient(event)` builds a new one and re-reads
 * the runtime config on every call; the settings cannot change while we run.
 */
export function useClerkBackend(): ClerkClient {
  return clerkBackend()
}
