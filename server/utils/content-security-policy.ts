/** The parts of the public Clerk runtime config that decide where Clerk's browser code talks to. */
export interface PublicClerkConfig {
  publishableKey?: string
  proxyUrl?: string
  jsUrl?: string
  uiUrl?: string
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const { origin } = new URL(url)
    return origin === 'null' ? undefined : origin
  }
  catch {
    return undefined
  }
}

/** The Frontend API host a publishable key encodes (`pk_test_<base64 of "host$">`). */
export function frontendApiFromPublishableKey(key: string | undefined): string | undefined {
  const encoded = key?.match(/^pk_(?:test|live)_(.+)$/)?.[1]
  if (!encoded) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  return decoded.endsWith('$') && /^[a-z0-9.-]+$/i.test(decoded.slice(0, -1)) ? decoded.slice(0, -1) : undefined
}

/**
 * The origins the browser must reach for Clerk, from the runtime config (they differ between the
 * emulator, a development and a production instance, and are set after the build): the Frontend
 * API (or its proxy) and wherever clerk-js and Clerk's UI bundle are loaded from.
 */
export function clerkOrigins(config: PublicClerkConfig): string[] {
  const fapi = frontendApiFromPublishableKey(config.publishableKey)
  const origins = [
    originOf(config.proxyUrl),
    fapi ? `https://${fapi}` : undefined,
    originOf(config.jsUrl),
    originOf(config.uiUrl),
  ]
  return [...new Set(origins.filter((origin): origin is string => Boolean(origin)))]
}
