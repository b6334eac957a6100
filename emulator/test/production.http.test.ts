import { createClerkClient } from '@clerk/backend'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../src/cli-args.ts'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { enterEmailedCode, fapiRequest, type FapiResponse } from './helpers/fapi.ts'

// `--instance production` over plain HTTP: live keys for clerk.<app domain>, no dev browser, the
// browser known by an httpOnly `__client` cookie, `__client_uat` on the app's domain, the
// production handshake (a cookie, not the query string) as @clerk/backend resolves it, and Origin
// checked against --origin.

const APP = 'http://app.localhost:3000'
let emulator: RunningEmulator
// Node does not resolve *.localhost; the emulator does not care which name it is called by.
let fapi: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, memory: true, quiet: true, instance: 'production', origins: [APP] })
  fapi = `${emulator.url}/fapi`
})

afterAll(async () => {
  await emulator?.stop()
})

/** A browser's cookie jar for the Frontend API's host: only what FAPI set without a Domain. */
class Browser {
  cookies = new Map<string, string>()

  async call(method: string, path: string, form?: Record<string, string>, origin: string | null = APP): Promise<FapiResponse> {
    const headers: Record<string, string> = {}
    if (origin) headers.origin = origin
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded'
    const res = await fapiRequest(`${fapi}${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const [name, value] = pair!.split('=') as [string, string]
      if (name === '__client') this.cookies.set(name, value)
    }
    return res
  }
}

function setCookie(res: FapiResponse, name: string): string | undefined {
  return res.headers.getSetCookie().find(c => c.startsWith(`${name}=`))
}

let counter = 0
async function signUp(browser = new Browser()) {
  const created = await browser.call('POST', '/v1/client/sign_ups', { email_address: `prod${++counter}-${Date.now()}@example.com`, password: 'a-long-password' })
  const res = await enterEmailedCode(emulator, (method, path, form) => browser.call(method, path, form), created)
  expect(res.status).toBe(200)
  return { browser, res, userId: res.json.response.created_user_id as string }
}

describe('the production flavour', () => {
  it('issues live keys for clerk.<app domain> and advertises that host to apps', () => {
    expect(emulator.keys.secretKey).toMatch(/^sk_live_/)
    expect(emulator.keys.publishableKey).toMatch(/^pk_live_/)
    expect(Buffer.from(emulator.keys.publishableKey.slice('pk_live_'.length), 'base64').toString()).toBe('clerk.app.localhost$')
    const port = new URL(emulator.url).port
    expect(emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL).toBe(`http://clerk.app.localhost:${port}/fapi`)
  })

  it('takes --instance development|production and nothing else', () => {
    expect(parseCli(['--instance', 'production'], {})).toEqual({ help: false, options: { instance: 'production' } })
    expect(parseCli([], { CLERK_EMULATOR_INSTANCE: 'development' })).toEqual({ help: false, options: { instance: 'development' } })
    expect(() => parseCli(['--instance', 'staging'], {})).toThrow(UsageError)
  })

  it('refuses to start without an app origin it can share cookies with', async () => {
    await expect(startEmulator({ port: 0, memory: true, quiet: true, instance: 'production' })).rejects.toThrow(/needs --origin/)
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      await expect(startEmulator({ port: 0, memory: true, quiet: true, instance: 'production', origins: [origin] })).rejects.toThrow(/parent/)
    }
  })

  it('has no dev browser and says it is a production instance', async () => {
    const browser = new Browser()
    const dev = await browser.call('POST', '/v1/dev_browser')
    expect(dev.status).toBe(400)
    expect(dev.json.errors[0].code).toBe('dev_browser_not_supported')
    const env = await browser.call('GET', '/v1/environment')
    expect(env.json.display_config.instance_environment_type).toBe('production')
  })

  it('checks Origin against --origin, even another *.localhost name', async () => {
    const res = await new Browser().call('GET', '/v1/client', undefined, 'http://evil.localhost:3000')
    expect(res.status).toBe(403)
    expect(res.json.errors[0].code).toBe('origin_invalid')
    expect(setCookie(res, '__client')).toBeUndefined()
  })

  it('sets __client httpOnly on its own host and __client_uat for the app domain', async () => {
    const { browser, res } = await signUp()
    const client = setCookie(res, '__client')!
    expect(client).toMatch(/; HttpOnly/)
    expect(client).not.toMatch(/Domain=/i)
    const uat = setCookie(res, '__client_uat')!
    expect(uat).toMatch(/; Domain=app\.localhost/)
    expect(Number(uat.split(';')[0]!.split('=')[1])).toBe(Math.floor(res.json.client.updated_at / 1000))
    expect(res.headers.getSetCookie().filter(c => /^__client_uat_[\w-]{8}=/.test(c) && c.includes('; Domain=app.localhost'))).toHaveLength(1)

    // The cookie is the browser's identity: with it the session is there, without it a new client.
    expect((await browser.call('GET', '/v1/client')).json.response.sessions).toHaveLength(1)
    expect((await new Browser().call('GET', '/v1/client')).json.response.sessions).toHaveLength(0)
  })

  it('ignores a __client cookie it did not sign', async () => {
    const { browser, res } = await signUp()
    const forged = new Browser()
    forged.cookies.set('__client', `${res.json.client.id}.${'A'.repeat(43)}`)
    const seen = await forged.call('GET', '/v1/client')
    expect(seen.json.response.id).not.toBe(res.json.client.id)
    expect(seen.json.response.sessions).toHaveLength(0)
    expect((await browser.call('GET', '/v1/client')).json.response.id).toBe(res.json.client.id)
  })

  it('sets __client_uat=0 on sign-out', async () => {
    const { browser } = await signUp()
    const out = await browser.call('DELETE', '/v1/client/sessions')
    expect(out.status).toBe(200)
    expect(setCookie(out, '__client_uat')).toMatch(/^__client_uat=0; /)
  })
})

describe('the production handshake, resolved by @clerk/backend', () => {
  function backend() {
    return createClerkClient({
      secretKey: emulator.keys.secretKey,
      publishableKey: emulator.keys.publishableKey,
      apiUrl: emulator.env.NUXT_CLERK_API_URL,
      telemetry: { disabled: true },
    })
  }
  const options = () => ({ proxyUrl: emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL, authorizedParties: [APP] })
  const page = (cookie: string) => new Request(`${APP}/dashboard`, { headers: { 'sec-fetch-dest': 'document', 'accept': 'text/html', cookie } })

  for (const format of ['nonce', 'token'] as const) {
    it(`signs a browser in from its __client cookie (${format} format) and clears the handshake cookie`, async () => {
      const { browser, res, userId } = await signUp()
      const uat = setCookie(res, '__client_uat')!.split(';')[0]!
      // __client_uat without __session: @clerk/backend must ask the Frontend API.
      const first = await backend().authenticateRequest(page(uat), options())
      expect(first.status).toBe('handshake')
      const location = new URL(first.headers.get('location')!)
      expect(location.href.startsWith(`${emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/client/handshake?`)).toBe(true)
      if (format === 'token') location.searchParams.delete('format')

      const answer = await browser.call('GET', `${location.pathname.slice('/fapi'.length)}${location.search}`, undefined, null)
      expect(answer.status).toBe(307)
      // Production carries the result in a cookie for the app's domain; the URL comes back untouched.
      expect(answer.headers.get('location')).toBe(`${APP}/dashboard`)
      const name = format === 'nonce' ? '__clerk_handshake_nonce' : '__clerk_handshake'
      const handshake = setCookie(answer, name)!
      expect(handshake).toMatch(/; Domain=app\.localhost/)

      const resolved = await backend().authenticateRequest(page(`${uat}; ${handshake.split(';')[0]}`), options())
      expect(resolved.status).toBe('signed-in')
      expect(resolved.toAuth()).toMatchObject({ userId })
      const cookies = resolved.headers.getSetCookie()
      const session = cookies.find(c => c.startsWith('__session='))!
      expect(decodeJwt(session.slice('__session='.length).split(';')[0]!)).toMatchObject({ sub: userId, azp: APP })
      expect(cookies).toContain(`${name}=; Path=/; Max-Age=0; SameSite=Lax; Domain=app.localhost`)
    })
  }

  it('answers a browser without a client with signed-out cookies', async () => {
    const answer = await new Browser().call('GET', `/v1/client/handshake?redirect_url=${encodeURIComponent(`${APP}/`)}&format=nonce`, undefined, null)
    expect(answer.status).toBe(307)
    const nonce = setCookie(answer, '__clerk_handshake_nonce')!.split(';')[0]!
    const resolved = await backend().authenticateRequest(page(nonce), options())
    expect(resolved.status).toBe('signed-out')
    expect(resolved.headers.getSetCookie().some(c => c.startsWith('__client_uat=0;'))).toBe(true)
  })

  it('refuses to redirect to an origin other than --origin', async () => {
    const res = await new Browser().call('GET', `/v1/client/handshake?redirect_url=${encodeURIComponent('http://evil.localhost:3000/')}`, undefined, null)
    expect(res.status).toBe(422)
    expect(res.headers.get('location')).toBeNull()
  })
})
