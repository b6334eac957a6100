/** Where a signed-in user goes when no (acceptable) return path was given. */
export const DEFAULT_AFTER_SIGN_IN = '/dashboard'

/**
 * The query parameters clerk-js reads a post-sign-in or post-sign-up destination from (its
 * `RedirectUrls` and `PRESERVED_QUERYSTRING_PARAMS`); a value in one of them overrides the
 * component's own props.
 */
export const CLERK_REDIRECT_PARAMS = [
  'redirect_url',
  'after_sign_in_url',
  'after_sign_up_url',
  'sign_in_force_redirect_url',
  'sign_in_fallback_redirect_url',
  'sign_up_force_redirect_url',
  'sign_up_fallback_redirect_url',
] as const

const BASE = 'https://same-origin.invalid'

/**
 * The path `value` resolves to (dot segments removed, tabs and newlines dropped, backslashes read
 * as slashes, as browsers do), or undefined unless it stays on the dummy origin as an absolute
 * path: nothing that is, or normalises to, a scheme-relative `//host` path.
 */
function resolvedPath(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value, BASE)
  }
  catch {
    return undefined
  }
  if (url.origin !== BASE) return undefined
  const path = `${url.pathname}${url.search}${url.hash}`
  return /^\/(?![/\\])/.test(url.pathname) ? path : undefined
}

/**
 * Returns the normalised form of `value` when it is a same-origin path (`/dashboard?x=1#y`),
 * otherwise `fallback`; use the returned value, never the input. Refused: anything not starting
 * with a single `/` (`https://evil.com`, `//evil.com`, `javascript:...`, relative paths), control
 * characters and backslashes, and any path whose normalised form (`/.//evil.com`,
 * `/x/..//evil.com`, `/%2e//evil.com`) or whose percent-decoded form (`/%2F%2Fevil.com`,
 * `/a/%2e%2e%2F%2Fevil.com`) would be scheme-relative or off-origin for the next parser.
 */
export function safeRedirectPath(value: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (Array.isArray(value)) value = value[0]
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\\]/.test(value)) return fallback
  if (!value.startsWith('/') || value.startsWith('//')) return fallback
  const path = resolvedPath(value)
  if (path === undefined) return fallback
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  }
  catch {
    return fallback
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\\]/.test(decoded) || resolvedPath(decoded) === undefined) return fallback
  return path
}

/**
 * The query with every Clerk redirect parameter passed through safeRedirectPath (unsafe ones
 * dropped, safe ones normalised), or undefined when it is already clean. An absolute URL on
 * `origin` counts as its path: clerk-js itself writes them when it moves between its pages.
 */
export function cleanClerkRedirectQuery(query: Record<string, unknown>, origin: string): Record<string, unknown> | undefined {
  let changed = false
  const entries = Object.entries(query).flatMap(([name, raw]): [string, unknown][] => {
    if (!(CLERK_REDIRECT_PARAMS as readonly string[]).includes(name)) return [[name, raw]]
    let value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value === 'string' && value.startsWith(`${origin}/`)) value = value.slice(origin.length)
    const safe = safeRedirectPath(value, '')
    if (safe !== raw) changed = true
    return safe ? [[name, safe]] : []
  })
  // Without a prototype: a parameter named `__proto__` stays a parameter.
  return changed ? Object.assign(Object.create(null), Object.fromEntries(entries)) : undefined
}
