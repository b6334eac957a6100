import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { PORTAL_CSP } from '../src/portal/routes.ts'
import { fapiClient } from './helpers/fapi.ts'
import { fapiSchemaErrors } from './helpers/fapi-schema.ts'

// The Account Portal's pages over HTTP: where display_config points, what each page loads, the
// headers that keep its dev-browser URL from being framed, cached or leaked, and its redirect
// allow-list handed to clerk-js.

let open: RunningEmulator
let locked: RunningEmulator

beforeAll(async () => {
  open = await startEmulator({ port: 0, memory: true, quiet: true })
  locked = await startEmulator({ port: 0, memory: true, quiet: true, origins: ['http://localhost:3000', 'http://app.localhost:8080'] })
})

afterAll(async () => {
  await open?.stop()
  await locked?.stop()
})

function configOf(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="clerk-portal-config">([^<]*)<\/script>/.exec(html)?.[1]
  return JSON.parse(json!) as Record<string, unknown>
}

describe('display_config', () => {
  it('names the portal\'s pages, and the environment still matches Clerk\'s published schema', async () => {
    const client = await fapiClient(open)
    const res = await client.call('GET', '/v1/environment')
    expect(res.json.display_config).toMatchObject({
      sign_in_url: `${open.url}/portal/sign-in`,
      sign_up_url: `${open.url}/portal/sign-up`,
      user_profile_url: `${open.url}/portal/user`,
    })
    expect(fapiSchemaErrors('GET /v1/environment', 200, res.json)).toBeNull()
  })
})

describe('portal pages', () => {
  it.each(['sign-in', 'sign-up', 'user'])('/portal/%s loads only the emulator\'s own scripts, with no inline code', async (view) => {
    const res = await fetch(`${open.url}/portal/${view}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)]
    const sources = scripts.filter(([, attrs]) => !attrs!.includes('type="application/json"')).map(([, attrs, body]) => {
      expect(body).toBe('')
      return /src="([^"]+)"/.exec(attrs!)![1]
    })
    expect(sources).toEqual([
      open.env.NUXT_PUBLIC_CLERK_JS_URL,
      open.env.NUXT_PUBLIC_CLERK_UI_URL,
      '/portal/portal.js',
    ])
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/https:\/\//)
    expect(configOf(html)).toMatchObject({ view, signInUrl: `${open.url}/portal/sign-in`, userProfileUrl: `${open.url}/portal/user` })
  })

  it('sends a script-src \'self\' CSP and refuses framing, caching and Referer leaks', async () => {
    for (const path of ['/portal/sign-in', '/portal/portal.js']) {
      const res = await fetch(`${open.url}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toBe(PORTAL_CSP)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(PORTAL_CSP).toContain('script-src \'self\'')
    expect(PORTAL_CSP).toContain('frame-ancestors \'none\'')
    expect(PORTAL_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/)
  })

  it('hands clerk-js the emulator\'s --origin list as the only redirect targets (null: any loopback origin)', async () => {
    expect(configOf(await fetch(`${open.url}/portal/sign-in`).then(r => r.text())).allowedOrigins).toBeNull()
    expect(configOf(await fetch(`${locked.url}/portal/sign-in`).then(r => r.text())).allowedOrigins).toEqual(['http://localhost:3000', 'http://app.localhost:8080'])
  })

  it('answers other methods with 405 and unknown portal paths with 404, in Clerk\'s error shape', async () => {
    const post = await fetch(`${open.url}/portal/sign-in`, { method: 'POST', body: 'x=1' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    expect((await post.json()).errors[0].code).toBe('method_not_allowed')
    for (const path of ['/portal/nope', '/portal/%2e%2e/keys.json', '/portal/sign-in%2f..%2f..%2fbapi', '/portal/browser/portal.js']) {
      const res = await fetch(`${open.url}${path}`)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
    }
  })
})
