import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLERK_REDIRECT_PARAMS, cleanClerkRedirectQuery, safeRedirectPath } from '../../shared/redirect'

const APP = 'https://app.example'

describe('safeRedirectPath', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard?tab=apps#top', '/dashboard?tab=apps#top'],
    ['/onboarding', '/onboarding'],
    ['/a/b/../c', '/a/c'],
    ['/a/./b', '/a/b'],
    ['/%2e%2e/dashboard', '/dashboard'],
    ['/?from=sign-in', '/?from=sign-in'],
  ])('keeps the same-origin path %s, normalised to %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected)
  })

  it.each([
    '//evil.com',
    '//evil.com/dashboard',
    'https://evil.com',
    'http://evil.com/dashboard',
    '/\\evil.com',
    '\\\\evil.com',
    '/%5Cevil.com',
    '/%2F%2Fevil.com',
    '%2F%2Fevil.com',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/\t/evil.com',
    '/\n/evil.com',
    ' //evil.com',
    'dashboard',
    '',
    '/%E0%A4%A',
    `/${'a'.repeat(3000)}`,
    // Dot segments and their encodings that normalise to a scheme-relative path.
    '/.//evil.com',
    '/x/..//evil.com',
    '/%2e//evil.com',
    '/..//evil.com',
    '/%2E%2E//evil.com',
    '/x/%2e%2e//evil.com',
    '/./%2F/evil.com',
    // Decoded once, these become traps for the next parser.
    '/a/%2e%2e%2F%2Fevil.com',
    '/%2F%5Cevil.com',
    '/%09/evil.com',
    '/x%0A',
  ])('falls back to /dashboard for %j', (input) => {
    expect(safeRedirectPath(input)).toBe('/dashboard')
  })

  it('rejects non-strings and takes the first of repeated query values', () => {
    expect(safeRedirectPath(undefined)).toBe('/dashboard')
    expect(safeRedirectPath(null)).toBe('/dashboard')
    expect(safeRedirectPath(42)).toBe('/dashboard')
    expect(safeRedirectPath({ toString: () => '/x' })).toBe('/dashboard')
    expect(safeRedirectPath(['/onboarding', '//evil.com'])).toBe('/onboarding')
    expect(safeRedirectPath(['//evil.com', '/onboarding'])).toBe('/dashboard')
  })

  it('uses the given fallback', () => {
    expect(safeRedirectPath('//evil.com', '/')).toBe('/')
  })

  // Characters that make paths change meaning, so that generated strings hit the edge cases often.
  const pathChar = fc.constantFrom('/', '/', '\\', '.', '..', '%', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '%25', '%09', '%0a', '\t', '\n', '\r', ' ', ':', '@', '?', '#', '&', '=', 'a', 'evil.com', 'http:', 'https:', '\u3000', '\uFF0F', '\u2215', '\u00A0')
  const hostile = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(pathChar, { maxLength: 14 }).map(parts => parts.join('')),
    fc.array(pathChar, { maxLength: 14 }).map(parts => `/${parts.join('')}`),
  )

  it('never accepts a value that leaves the origin, before or after one more decoding (property)', () => {
    fc.assert(fc.property(hostile, (input) => {
      const result = safeRedirectPath(input, 'FALLBACK')
      if (result === 'FALLBACK') return
      // What is returned is what gets used: an absolute path that stays on the app's origin ...
      expect(result.startsWith('/') && !result.startsWith('//')).toBe(true)
      const resolved = new URL(result, APP)
      expect(resolved.origin).toBe(APP)
      expect(`${resolved.pathname}${resolved.search}${resolved.hash}`).toBe(result)
      // ... from any page of the app, and still after a later layer decodes it once.
      expect(new URL(result, `${APP}/sign-in/factor-one`).origin).toBe(APP)
      expect(new URL(decodeURIComponent(result), APP).origin).toBe(APP)
      // And it is stable: judging it again changes nothing.
      expect(safeRedirectPath(result, 'FALLBACK')).toBe(result)
    }), { numRuns: 5000 })
  })
})

describe('cleanClerkRedirectQuery', () => {
  it('drops every Clerk redirect parameter that is not a same-origin path and normalises the rest', () => {
    const query = Object.fromEntries(CLERK_REDIRECT_PARAMS.map(name => [name, `https://${name}.evil.example/owned`]))
    expect(cleanClerkRedirectQuery({ ...query, other: 'kept' }, APP)).toEqual({ other: 'kept' })
    expect(cleanClerkRedirectQuery({ redirect_url: '/x/../onboarding', sign_in_force_redirect_url: '/.//evil.com' }, APP))
      .toEqual({ redirect_url: '/onboarding' })
  })

  it('reads an absolute URL on our own origin as its path and leaves a clean query alone', () => {
    expect(cleanClerkRedirectQuery({ redirect_url: `${APP}/dashboard?x=1` }, APP)).toEqual({ redirect_url: '/dashboard?x=1' })
    expect(cleanClerkRedirectQuery({ redirect_url: `${APP}.evil.example/dashboard` }, APP)).toEqual({})
    expect(cleanClerkRedirectQuery({ redirect_url: '/dashboard', unrelated: 'https://evil.example' }, APP)).toBeUndefined()
  })
})
