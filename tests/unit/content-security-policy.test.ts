import { describe, expect, it } from 'vitest'
import { createNonce, withNonceAttributes, withScriptNonce } from '../../server/utils/content-security-policy'

describe('page nonces (server/plugins/content-security-policy.ts)', () => {
  it('differ per call and are 24 base64 characters, across refills of their pool', () => {
    const nonces = new Set(Array.from({ length: 2000 }, createNonce))
    expect(nonces.size).toBe(2000)
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/)
  })

  it('go on every script, link and style tag of a chunk, and nowhere else', () => {
    const chunk = '<script type="importmap">{}</script><link rel="modulepreload" href="/a.js"><STYLE>p{}</STYLE><meta name="x"><scripts-are-not-tags>'
    expect(withNonceAttributes(chunk, 'N')).toBe('<script nonce="N" type="importmap">{}</script><link nonce="N" rel="modulepreload" href="/a.js"><STYLE nonce="N">p{}</STYLE><meta name="x"><scripts-are-not-tags>')
  })

  it('go into script-src only, not into script-src-attr or script-src-elem', () => {
    const policy = 'default-src \'self\'; script-src-attr \'none\'; script-src-elem \'self\'; script-src \'self\' \'strict-dynamic\';'
    expect(withScriptNonce(policy, 'N')).toBe('default-src \'self\'; script-src-attr \'none\'; script-src-elem \'self\'; script-src \'nonce-N\' \'self\' \'strict-dynamic\';')
    expect(withScriptNonce('script-src \'self\'', 'N')).toBe('script-src \'nonce-N\' \'self\'')
  })
})
