import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'

// Security headers from Nitro route rules (nuxt.config.ts) and the pages' Content Security Policy,
// whose Clerk origins come from the run-time config (server/plugins/content-security-policy.ts).

const stack = useStack()

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map(part => part.trim()).filter(Boolean).map((part) => {
    const [name, ...sources] = part.split(/\s+/)
    return [name!, sources]
  }))
}

async function page(path: string) {
  const res = await fetch(`${stack.appUrl}${path}`, { redirect: 'manual' })
  return { res, html: await res.text(), csp: directives(res.headers.get('content-security-policy') ?? '') }
}

describe('Content Security Policy on server-rendered pages', () => {
  it('is nonce-based: every script carries this response\'s nonce, and the nonce changes per response', async () => {
    const first = await page('/')
    const second = await page('/')
    expect(first.res.status).toBe(200)
    const nonce = first.csp.get('script-src')?.find(source => source.startsWith('\'nonce-'))?.slice(7, -1)
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/)
    const scripts = [...first.html.matchAll(/<script\b[^>]*>/g)].map(match => match[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    expect(second.csp.get('script-src')).not.toContain(`'nonce-${nonce}'`)
    // No inline script is allowed by anything but the nonce.
    expect(first.csp.get('script-src')).not.toContain('\'unsafe-inline\'')
    expect(first.csp.get('script-src')).not.toContain('\'unsafe-eval\'')
    expect(first.csp.get('script-src-attr')).toEqual(['\'none\''])
  })

  it('forbids framing, plugins and base-URI changes, and restricts forms to this origin', async () => {
    const { csp } = await page('/sign-in')
    expect(csp.get('frame-ancestors')).toEqual(['\'none\''])
    expect(csp.get('object-src')).toEqual(['\'none\''])
    expect(csp.get('base-uri')).toEqual(['\'none\''])
    expect(csp.get('form-action')).toEqual(['\'self\''])
    expect(csp.get('default-src')).toEqual(['\'self\''])
  })

  it('allows the Clerk Frontend API origin of this run\'s runtime config, not a build-time one', async () => {
    // The emulator listens on a random port chosen after the build: only run-time config knows it.
    const fapi = new URL(stack.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL!).origin
    const { csp } = await page('/sign-in')
    for (const directive of ['connect-src', 'script-src', 'img-src', 'frame-src']) {
      expect(csp.get(directive), directive).toContain(fapi)
    }
    expect(csp.get('connect-src')).not.toContain('*')
    expect(csp.get('connect-src')).not.toContain('https:')
    expect(csp.get('worker-src')).toEqual(['\'self\'', 'blob:'])
  })
})

describe('headers on every response', () => {
  it.each(['/', '/sign-in', '/api/health', '/api/onboarding-status', '/api/nope'])('%s', async (path) => {
    const res = await fetch(`${stack.appUrl}${path}`, { redirect: 'manual' })
    const hsts = res.headers.get('strict-transport-security') ?? ''
    expect(Number(hsts.match(/max-age=(\d+)/)?.[1])).toBeGreaterThanOrEqual(31_536_000)
    expect(hsts).toMatch(/includeSubDomains/i)
    // Nitro's JSON error answers (401, 404) carry its own stricter no-referrer.
    expect(['same-origin', 'no-referrer']).toContain(res.headers.get('referrer-policy'))
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-powered-by')).toBeNull()
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})
