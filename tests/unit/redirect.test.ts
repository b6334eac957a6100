import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from '../../shared/redirect'

describe('safeRedirectPath', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard?tab=apps#top', '/dashboard?tab=apps#top'],
    ['/onboarding', '/onboarding'],
    ['/a/b/../c', '/a/c'],
  ])('keeps the same-origin path %s', (input, expected) => {
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
})
