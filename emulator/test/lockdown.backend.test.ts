import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isControlPath, parseHost } from '../src/lockdown.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { rawHttp } from './helpers/raw-http.ts'

// The attacks of a page in the developer's own browser: DNS rebinding (a foreign Host), cross-site
// writes to the control routes, and CORS grants to any Origin.

const LISTED = 'http://localhost:3999'
let t: TestEmulator
let port: string
beforeAll(async () => {
  t = await startTestEmulator({ origins: [LISTED, 'http://localhost:3000'], publicUrl: 'http://emulator.internal:8443' })
  port = new URL(t.emulator.url).port
  await t.clerk.users.createUser({ emailAddress: [uniqueEmail('lock')], password: PASSWORD })
})
afterAll(() => t.stop())

const userCount = () => Object.keys(t.emulator.store.data.users).length

describe('the Host allow-list', () => {
  it('refuses a foreign Host with 421 in Clerk\'s error shape, before the secret key is served', async () => {
    const res = await rawHttp(t.emulator.url, 'GET', '/__emulator/env', { host: 'evil.example', ...CONTROL_HEADERS })
    expect(res.status).toBe(421)
    expect(JSON.parse(res.text).errors[0]).toMatchObject({ code: 'host_invalid', message: expect.any(String), long_message: expect.any(String) })
    expect(res.text).not.toContain(t.secretKey)
    const bapi = await rawHttp(t.emulator.url, 'GET', '/bapi/v1/users', { host: `evil.example:${port}`, authorization: `Bearer ${t.secretKey}` })
    expect(bapi.status).toBe(421)
    expect(bapi.text).not.toContain('email_addresses')
  })

  it.each([
    ['127.0.0.1:PORT', 200], ['localhost:PORT', 200], ['[::1]:PORT', 200], ['app.localhost:PORT', 200], ['LOCALHOST:PORT', 200],
    ['emulator.internal:8443', 200],
    ['localhost', 421], ['localhost:1', 421], ['evil.example:PORT', 421], ['127.0.0.1.evil.example:PORT', 421],
    ['localhost:PORT@evil.example', 421], ['emulator.internal:PORT', 421], ['', 421],
  ])('Host %s gets %i', async (host, status) => {
    const res = await rawHttp(t.emulator.url, 'GET', '/__emulator/env', { host: host.replace('PORT', port), ...CONTROL_HEADERS })
    expect(res.status).toBe(status)
  })

  it('parses only plain host[:port] values', () => {
    expect(parseHost('localhost:4010')).toEqual({ hostname: 'localhost', port: '4010' })
    expect(parseHost('a b')).toBeNull()
    expect(parseHost('user@localhost:4010')).toBeNull()
    expect(parseHost(undefined)).toBeNull()
  })
})

describe('the control routes', () => {
  it('refuse a call without the control header (a form post or no-cors fetch), and change nothing', async () => {
    const before = userCount()
    expect(before).toBeGreaterThan(0)
    const form = await fetch(`${t.emulator.url}/__emulator/reset`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(form.status).toBe(403)
    expect((await form.json()).errors[0].code).toBe('control_header_missing')
    expect(userCount()).toBe(before)
  })

  it('refuse a foreign Origin even with the header', async () => {
    const before = userCount()
    const res = await fetch(`${t.emulator.url}/__emulator/reset`, { method: 'POST', headers: { ...CONTROL_HEADERS, origin: 'http://localhost:5173' } })
    expect(res.status).toBe(403)
    expect((await res.json()).errors[0].code).toBe('origin_invalid')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(userCount()).toBe(before)
  })

  it('refuse a preflight from an origin not listed with --origin and allow a listed one', async () => {
    const preflight = (origin: string) => fetch(`${t.emulator.url}/__emulator/reset`, {
      method: 'OPTIONS', headers: { 'origin': origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-clerk-emulator' },
    })
    const foreign = await preflight('http://evil.example')
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    const listed = await preflight(LISTED)
    expect(listed.status).toBe(204)
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED)
    expect(listed.headers.get('access-control-allow-headers')).toContain('x-clerk-emulator')
  })

  it('accept the emulator\'s own origin (the console) and a listed one', async () => {
    const own = await fetch(`${t.emulator.url}/__emulator/faults`, { headers: { ...CONTROL_HEADERS, origin: t.emulator.url } })
    expect(own.status).toBe(200)
    const listed = await fetch(`${t.emulator.url}/__emulator/faults`, { headers: { ...CONTROL_HEADERS, origin: LISTED } })
    expect(listed.status).toBe(200)
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED)
  })

  it.each(['/%5F%5Femulator/reset', '//__emulator/reset', '/__EMULATOR/reset', '/fapi/__emulator/emails', '/fapi/../__emulator/reset', '/x/%2e%2e/__emulator/reset'])('guard %s however it is spelled', async (path) => {
    const before = userCount()
    const res = await rawHttp(t.emulator.url, 'POST', path)
    expect(res.status).toBe(403)
    expect(userCount()).toBe(before)
    expect(isControlPath(path)).toBe(true)
  })

  it('leave the health check open to plain GETs', async () => {
    expect((await fetch(`${t.emulator.url}/__emulator/health`)).status).toBe(200)
  })
})

describe('CORS grants', () => {
  it('the 404 echoes no foreign Origin, and grants an allowed one with credentials', async () => {
    const foreign = await fetch(`${t.emulator.url}/nowhere`, { headers: { origin: 'http://evil.example' } })
    expect(foreign.status).toBe(404)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    const allowed = await fetch(`${t.emulator.url}/nowhere`, { headers: { origin: 'http://localhost:3000' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
  })

  it('an injected fault answers an allowed origin only', async () => {
    t.emulator.setFaults([{ path: '/fapi/**', status: 503 }])
    try {
      const foreign = await fetch(`${t.emulator.url}/fapi/v1/environment`, { headers: { origin: 'http://evil.example' } })
      expect(foreign.status).toBe(503)
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
      const allowed = await fetch(`${t.emulator.url}/fapi/v1/environment`, { headers: { origin: 'http://localhost:3000' } })
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    }
    finally { t.emulator.clearFaults() }
  })

  it('the Frontend API refuses an origin outside --origin', async () => {
    const res = await fetch(`${t.emulator.url}/fapi/v1/environment`, { headers: { origin: 'http://evil.example' } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})
