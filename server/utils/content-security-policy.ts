import { randomFillSync } from 'node:crypto'

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

/** The pages' policy before the nonce; Clerk's origins are added where its browser code needs them. */
const DIRECTIVES: Record<string, string[]> = {
  'default-src': ['\'self\''],
  'base-uri': ['\'none\''],
  'object-src': ['\'none\''],
  'form-action': ['\'self\''],
  'frame-ancestors': ['\'none\''],
  // Each page adds its nonce here; it covers Nuxt's own scripts, and 'strict-dynamic' lets them
  // load clerk-js and its chunks.
  'script-src': ['\'self\'', '\'strict-dynamic\''],
  'script-src-attr': ['\'none\''],
  // Clerk's components inject <style> elements at run time (no nonce support there).
  'style-src': ['\'self\'', '\'unsafe-inline\''],
  'img-src': ['\'self\'', 'data:', 'blob:', 'https://img.clerk.com'],
  'font-src': ['\'self\'', 'data:'],
  'connect-src': ['\'self\''],
  'worker-src': ['\'self\'', 'blob:'],
  // Clerk's bot protection (Cloudflare Turnstile) renders in a frame.
  'frame-src': ['\'self\'', 'https://challenges.cloudflare.com'],
}
const CLERK_DIRECTIVES = ['script-src', 'connect-src', 'img-src', 'frame-src', 'style-src']

/** The pages' Content Security Policy, without a nonce, allowing `clerk` (clerkOrigins()) where Clerk needs it. */
export function pagePolicy(clerk: string[]): string {
  return Object.entries(DIRECTIVES)
    .map(([name, sources]) => [name, ...new Set([...sources, ...(CLERK_DIRECTIVES.includes(name) ? clerk : [])])].join(' '))
    .join('; ')
}

const NONCE_BYTES = 18
// Nonces are cut from a pool of random bytes, refilled when spent: one call into the CSPRNG per
// 256 pages instead of one per page (randomBytes was about 1 % of a page's CPU). No byte is used twice.
const noncePool = Buffer.alloc(NONCE_BYTES * 256)
let nonceOffset = noncePool.length

/** A fresh nonce for one response: 18 random bytes, 24 base64 characters. */
export function createNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool)
    nonceOffset = 0
  }
  const nonce = noncePool.toString('base64', nonceOffset, nonceOffset + NONCE_BYTES)
  nonceOffset += NONCE_BYTES
  return nonce
}

const NONCE_TAGS = /<(script|link|style)\b/gi

/**
 * One chunk of the head or of the markup Nuxt appends to the body, with `nonce` on every script,
 * link and style tag. Those chunks are the renderer's tags (unhead, the payload, the entry); serialized
 * state inside them escapes `<`, so a tag opening found there is a tag.
 */
export function withNonceAttributes(chunk: string, nonce: string): string {
  return chunk.replace(NONCE_TAGS, `<$1 nonce="${nonce}"`)
}

const SCRIPT_SRC = /(^|;\s*)script-src(?=[\s;]|$)/

/** The policy with `'nonce-…'` added to its script-src directive (not to script-src-attr or -elem). */
export function withScriptNonce(policy: string, nonce: string): string {
  return policy.replace(SCRIPT_SRC, `$1script-src 'nonce-${nonce}'`)
}
