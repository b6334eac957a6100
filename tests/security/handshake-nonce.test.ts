import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'

// A `__clerk_handshake_nonce` makes Clerk's middleware call the Backend API
// (`GET /v1/clients/handshake_payload`) before it judges the request, whatever the nonce holds.
// Anonymous callers must not be able to spend the instance's Backend API quota that way; Clerk's
// real handshake, which also carries a nonce, must keep working (server/lib/handshake-nonce.ts).

const DOCUMENT = { 'sec-fetch-dest': 'document', 'accept': 'text/html', 'cookie': '__clerk_db_jwt=dvb_test' }
const PAGES = ['/', '/dashboard', '/onboarding', '/sign-in', '/no-such-page']
const API_ROUTES = ['/api/onboarding-status', '/api/complete-onboarding', '/api/no-such-route']
let address = 0
/** A client address of its own (the stack has no proxy in front, so X-Forwarded-For is the client's). */
const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${++address}` })

function withNonce(path: string, where: 'query' | 'cookie', headers: Record<string, string>, nonce: string): [string, RequestInit] {
  const url = where === 'query' ? `${path}?__clerk_handshake_nonce=${nonce}` : path
  const cookie = [headers.cookie, where === 'cookie' ? `__clerk_handshake_nonce=${nonce}` : ''].filter(Boolean).join('; ')
  return [url, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } }]
}

describe.each([{ flavour: 'development', production: false }, { flavour: 'production', production: true }])('junk handshake nonces on a $flavour instance', ({ production }) => {
  const stack = useStack({ production })

  /** Counts every request reaching the emulator's Backend API while `work` runs. */
  async function backendCalls(work: () => Promise<void>): Promise<number> {
    const [rule] = stack.emulator.setFaults([{ path: '/bapi/**', latencyMs: 1 }])
    try {
      await work()
      return rule!.hits
    }
    finally {
      stack.emulator.clearFaults()
    }
  }

  const send = (path: string, init: RequestInit) => fetch(`http://127.0.0.1:${new URL(stack.appUrl).port}${path}`, init)

  it('40 anonymous requests (20 in the query, 20 in a cookie, pages and API routes) cost at most 5 Backend API calls', async () => {
    const paths = [...PAGES, ...API_ROUTES]
    const calls = await backendCalls(async () => {
      for (let i = 0; i < 20; i++) {
        for (const where of ['query', 'cookie'] as const) {
          const path = paths[i % paths.length]!
          const headers = PAGES.includes(path) ? DOCUMENT : {}
          const res = await send(...withNonce(path, where, headers, `junk${i}`))
          expect(res.status, `${where} ${path}`).toBeLessThan(500)
          // The query parameter is removed by a redirect to the same path; the cookie is expired.
          if (where === 'query' && res.status === 307 && res.headers.get('location')?.startsWith('/')) expect(res.headers.get('location')).not.toContain('__clerk_handshake_nonce')
          if (where === 'cookie') expect(res.headers.getSetCookie().some(set => /^__clerk_handshake_nonce=;.*max-age=0/i.test(set)), `${path}`).toBe(true)
        }
      }
    })
    expect(calls).toBeGreaterThan(0)
    expect(calls).toBeLessThanOrEqual(5)
  })

  it('a nonce on anything but a page load never reaches Clerk, from any address', async () => {
    const calls = await backendCalls(async () => {
      for (const path of API_ROUTES) {
        for (const where of ['query', 'cookie'] as const) {
          for (const [method, headers] of [['GET', {}], ['POST', { 'content-type': 'application/json' }], ['GET', { 'sec-fetch-dest': 'empty', 'accept': 'text/html' }]] as const) {
            const [url, init] = withNonce(path, where, { ...headers, ...fromNewAddress() }, 'junk')
            const res = await send(url, { ...init, method, ...(method === 'POST' ? { body: '{}' } : {}) })
            expect(res.status).toBeLessThan(500)
          }
        }
      }
    })
    expect(calls).toBe(0)
  })

  it('a failed payload fetch is one warning without a stack', async () => {
    const before = stack.logs().length
    const calls = await backendCalls(async () => {
      const res = await send(...withNonce('/', 'cookie', { ...DOCUMENT, ...fromNewAddress() }, 'junk-warning'))
      expect(res.status).toBeLessThan(500)
    })
    expect(calls).toBe(1)
    await new Promise(resolve => setTimeout(resolve, 300))
    const lines = stack.logs().slice(before).split('\n').filter(line => line.includes('handshake payload'))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ severity: 'WARNING' })
    expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/)
    expect(stack.logs().slice(before)).not.toContain('"severity":"ERROR"')
  })
})

describe('Clerk\'s own handshake', () => {
  const stack = useStack()

  /** A first page load from a new browser: the app sends it through the Frontend API, which sends it back with a nonce. */
  async function handshake(headers: Record<string, string>) {
    const first = await fetch(`${stack.appUrl}/`, { redirect: 'manual', headers: { 'sec-fetch-dest': 'document', 'accept': 'text/html', ...headers } })
    expect(first.status).toBe(307)
    const frontendApi = await fetch(first.headers.get('location')!, { redirect: 'manual' })
    const back = new URL(frontendApi.headers.get('location')!)
    expect(back.searchParams.has('__clerk_handshake_nonce')).toBe(true)
    const returned = await fetch(back, { redirect: 'manual', headers: { 'sec-fetch-dest': 'document', 'accept': 'text/html', ...headers } })
    return { status: returned.status, cookies: returned.headers.getSetCookie(), location: returned.headers.get('location') }
  }

  it('keeps working for a client that makes many of them: a lookup that succeeds does not count', async () => {
    const client = fromNewAddress()
    for (let i = 0; i < 8; i++) {
      const { status, cookies, location } = await handshake(client)
      expect(status).toBe(307)
      expect(location).not.toContain('__clerk_handshake_nonce')
      expect(cookies.some(set => /^__clerk_db_jwt=dvb_/.test(set)), `handshake ${i + 1}`).toBe(true)
    }
  })

  it('keeps working for other clients while one sends junk', async () => {
    const attacker = fromNewAddress()
    for (let i = 0; i < 10; i++) await fetch(`${stack.appUrl}/?__clerk_handshake_nonce=junk${i}`, { redirect: 'manual', headers: { ...DOCUMENT, ...attacker } })
    const { cookies } = await handshake(fromNewAddress())
    expect(cookies.some(set => /^__clerk_db_jwt=dvb_/.test(set))).toBe(true)
  })
})
