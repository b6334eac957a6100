import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Faults, validateRule } from '../src/faults.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

let t: TestEmulator
let userId: string
beforeAll(async () => {
  t = await startTestEmulator()
  userId = (await t.clerk.users.createUser({ emailAddress: [uniqueEmail('fault')], password: PASSWORD })).id
})
afterEach(() => t.emulator.clearFaults())
afterAll(() => t.stop())

interface ControlBody {
  rules: { id: string, hits: number }[]
  errors: { code: string }[]
}

async function control(method: string, body?: unknown) {
  const res = await fetch(`${t.emulator.url}/__emulator/faults`, {
    method,
    headers: body === undefined ? CONTROL_HEADERS : { ...CONTROL_HEADERS, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: await res.json() as ControlBody }
}

describe('path patterns', () => {
  const faults = new Faults()
  it.each([
    ['/bapi/v1/users/:id', 'GET', '/bapi/v1/users/user_1', true],
    ['/bapi/v1/users/:id', 'GET', '/bapi/v1/users/user_1?x=1', true],
    ['/bapi/v1/users/:id', 'GET', '/bapi/v1/users/user_1/metadata', false],
    ['/bapi/v1/users/*/metadata', 'PATCH', '/bapi/v1/users/user_1/metadata', true],
    ['/bapi/**', 'DELETE', '/bapi/v1/sessions/s/revoke', true],
    ['/bapi/**', 'GET', '/bapi', true],
    ['/bapi/v1/users', 'GET', '/bapi/v1/users/count', false],
    ['/bapi/v1/users.json', 'GET', '/bapi/v1/usersXjson', false],
  ])('%s matches %s %s: %s', (path, method, url, expected) => {
    faults.set([{ path, status: 500 }])
    expect(Boolean(faults.take(method, url))).toBe(expected)
  })

  it('matches the method case-insensitively and `*` as any', () => {
    faults.set([{ path: '/a', method: 'patch', status: 500 }])
    expect(faults.take('PATCH', '/a')).toBeTruthy()
    expect(faults.take('GET', '/a')).toBeUndefined()
    faults.set([{ path: '/a', method: '*', status: 500 }])
    expect(faults.take('DELETE', '/a')).toBeTruthy()
  })

  it('leaves CORS preflights alone unless OPTIONS is named', () => {
    faults.set([{ path: '/fapi/**', status: 503 }])
    expect(faults.take('OPTIONS', '/fapi/v1/client')).toBeUndefined()
    faults.set([{ path: '/fapi/**', method: 'options', status: 503 }])
    expect(faults.take('OPTIONS', '/fapi/v1/client')).toBeTruthy()
  })

  it('rejects rules that cannot mean anything', () => {
    expect(() => validateRule({ path: 'no-slash', status: 500 })).toThrow(/path/)
    expect(() => validateRule({ path: '/a' })).toThrow(/no effect/)
    expect(() => validateRule({ path: '/a', status: 200 })).toThrow(/status/)
    expect(() => validateRule({ path: '/a', status: 500, drop: true })).toThrow(/only one/)
    expect(() => validateRule({ path: '/a', status: 500, surprise: 1 })).toThrow(/surprise/)
  })
})

describe('injected faults against the Backend API, seen through @clerk/backend', () => {
  it('answers 503 for the next N matching requests, then recovers', async () => {
    t.emulator.setFaults([{ method: 'GET', path: '/bapi/v1/users/:id', status: 503, times: 2 }])
    await expect(t.clerk.users.getUser(userId)).rejects.toMatchObject({ status: 503, errors: [{ code: 'service_unavailable' }] })
    await expect(t.clerk.users.getUser(userId)).rejects.toMatchObject({ status: 503 })
    expect((await t.clerk.users.getUser(userId)).id).toBe(userId)
  })

  it('answers 429 with Retry-After, which @clerk/backend exposes as retryAfter', async () => {
    t.emulator.setFaults([{ path: '/bapi/v1/users/:id/metadata', status: 429, retryAfter: 7 }])
    await expect(t.clerk.users.updateUserMetadata(userId, { publicMetadata: { a: 1 } }))
      .rejects.toMatchObject({ status: 429, retryAfter: 7, errors: [{ code: 'too_many_requests' }] })
    // Nothing was written: the fault answered before the handler ran.
    expect(t.emulator.store.data.users[userId]!.public_metadata).toEqual({})
  })

  it('answers 500 only for the configured method', async () => {
    t.emulator.setFaults([{ method: 'PATCH', path: '/bapi/v1/users/:id', status: 500 }])
    await expect(t.clerk.users.updateUser(userId, { firstName: 'X' })).rejects.toMatchObject({ status: 500, errors: [{ code: 'internal_clerk_error' }] })
    expect((await t.clerk.users.getUser(userId)).id).toBe(userId)
  })

  it('adds latency', async () => {
    t.emulator.setFaults([{ path: '/bapi/v1/jwks', latencyMs: 300 }])
    const started = performance.now()
    const res = await t.bapi('GET', '/v1/jwks')
    expect(res.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('drops the connection before handling: the client sees a network error and nothing is written', async () => {
    t.emulator.setFaults([{ path: '/bapi/v1/users/:id/metadata', drop: true }])
    await expect(t.bapi('PATCH', `/v1/users/${userId}/metadata`, { json: { public_metadata: { dropped: true } } })).rejects.toThrow()
    // @clerk/backend reports it as an error too, not as a success.
    await expect(t.clerk.users.updateUserMetadata(userId, { publicMetadata: { dropped: true } })).rejects.toBeTruthy()
    expect(t.emulator.store.data.users[userId]!.public_metadata).not.toHaveProperty('dropped')
  })

  it('drops the response after handling: the write is kept but never acknowledged', async () => {
    t.emulator.setFaults([{ path: '/bapi/v1/users/:id/metadata', dropResponse: true, times: 1 }])
    await expect(t.bapi('PATCH', `/v1/users/${userId}/metadata`, { json: { public_metadata: { lostAck: true } } })).rejects.toThrow()
    expect((await t.clerk.users.getUser(userId)).publicMetadata).toMatchObject({ lostAck: true })
  })

  it('lets a browser read an injected Frontend API error (CORS headers echo the origin)', async () => {
    t.emulator.setFaults([{ path: '/fapi/v1/client', status: 503 }])
    const res = await fetch(`${t.emulator.url}/fapi/v1/client`, { headers: { origin: 'http://localhost:3000' } })
    expect(res.status).toBe(503)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
  })

  it('applies a probability of 0 never', async () => {
    t.emulator.setFaults([{ path: '/bapi/**', status: 500, probability: 0 }])
    for (let i = 0; i < 5; i++) expect((await t.bapi('GET', '/v1/jwks')).status).toBe(200)
  })
})

describe('the /__emulator/faults control endpoint', () => {
  it('sets, lists with hit counts, removes one, and clears rules', async () => {
    const set = await control('POST', { rules: [{ path: '/bapi/v1/jwks', status: 500 }, { path: '/bapi/v1/users', method: 'GET', status: 503 }] })
    expect(set.status).toBe(200)
    expect(set.json.rules).toHaveLength(2)
    expect((await t.bapi('GET', '/v1/jwks')).status).toBe(500)
    const listed = await control('GET')
    expect(listed.json.rules.map(r => r.hits)).toEqual([1, 0])

    const removed = await fetch(`${t.emulator.url}/__emulator/faults/${set.json.rules[0]!.id}`, { method: 'DELETE', headers: CONTROL_HEADERS })
    expect((await removed.json() as ControlBody).rules).toHaveLength(1)
    expect((await t.bapi('GET', '/v1/jwks')).status).toBe(200)

    expect((await control('DELETE')).json.rules).toEqual([])
    expect((await t.bapi('GET', '/v1/users')).status).toBe(200)
  })

  it('accepts a bare list or a single rule, and rejects invalid rules with a Clerk-shaped 400', async () => {
    expect((await control('POST', [{ path: '/bapi/v1/jwks', latencyMs: 1 }])).json.rules).toHaveLength(1)
    expect((await control('POST', { path: '/bapi/v1/jwks', latencyMs: 1 })).json.rules).toHaveLength(1)
    const bad = await control('POST', { rules: [{ path: '/bapi/v1/jwks', status: 'boom' }] })
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0]!.code).toBe('fault_rule_invalid')
    // A rejected set leaves the previous rules in place.
    expect((await control('GET')).json.rules).toHaveLength(1)
  })

  it('never faults the control routes themselves', async () => {
    await control('POST', { path: '/**', status: 500 })
    expect((await fetch(`${t.emulator.url}/__emulator/health`)).status).toBe(200)
    expect((await control('DELETE')).status).toBe(200)
  })
})
