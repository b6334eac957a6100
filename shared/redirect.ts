/** Where a signed-in user goes when no (acceptable) return path was given. */
export const DEFAULT_AFTER_SIGN_IN = '/dashboard'

/**
 * Returns `value` when it is a same-origin path (`/dashboard?x=1#y`), otherwise `fallback`.
 * Rejects absolute and scheme-relative URLs (`https://evil.com`, `//evil.com`), backslash tricks
 * browsers normalise to `//` (`/\evil.com`), control characters, and anything not starting with a
 * single `/` (`javascript:...`). The check resolves the path against a dummy origin so that
 * encoded forms are judged the way a browser would judge them.
 */
export function safeRedirectPath(value: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (Array.isArray(value)) value = value[0]
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\\]/.test(value)) return fallback
  if (!value.startsWith('/') || value.startsWith('//')) return fallback
  let decoded: string
  try {
    decoded = decodeURIComponent(value)
  }
  catch {
    return fallback
  }
  // A path that decodes to a scheme-relative or backslash form is a trap for later decoders.
  if (decoded.startsWith('//') || decoded.includes('\\')) return fallback
  const base = 'http://same-origin.invalid'
  let url: URL
  try {
    url = new URL(value, base)
  }
  catch {
    return fallback
  }
  if (url.origin !== base) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
