import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorContext } from '../src/context.ts'
import { isHostAllowed } from '../src/lockdown.ts'
import { resolveOptions } from '../src/options.ts'
import { SVIX_RETRY_DELAYS_MS } from '../src/webhooks/deliveries.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// The console's own control routes, and the defaults the README states.

let t: TestEmulator
let userId: string
beforeAll(async () => {
  t = await startTestEmulator()
  userId = (await t.clerk.users.createUser({ emailAddress: [uniqueEmail('preview')], password: PASSWORD, firstName: 'Ada' })).id
})
afterAll(() => t.stop())

const control = (path: string) => fetch(`${t.emulator.url}/__emulator${path}`, { headers: CONTROL_HEADERS })

describe('the token preview', () => {
  it('renders the claims template for a user, with the sizes, and stores no session', async () => {
    const res = await control(`/token-preview?user_id=${userId}`)
    expect(res.status).toBe(200)
    const preview = await res.json()
    expect(preview.claims).toMatchObject({ sub: userId, firstName: 'Ada', metadata: {}, sid: 'sess_preview' })
    expect(preview.guidance_bytes).toBe(1200)
    expect(preview.custom_claims_bytes).toBe(Buffer.byteLength(JSON.stringify({ metadata: {}, firstName: 'Ada' })))
    expect(preview.token_bytes).toBe(preview.token.length)
    expect(Object.keys(t.emulator.store.data.sessions)).toEqual([])
  })

  it('reports custom claims over Clerk\'s guidance', async () => {
    await t.clerk.users.updateUserMetadata(userId, { publicMetadata: { notes: 'x'.repeat(1500) } })
    const preview = await (await control(`/token-preview?user_id=${userId}`)).json()
    expect(preview.custom_claims_bytes).toBeGreaterThan(preview.guidance_bytes)
  })

  it('is a 404 for an unknown or missing user', async () => {
    for (const query of ['?user_id=user_nope', '', '?user_id=']) {
      const res = await control(`/token-preview${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 404 })
    }
  })
})

describe('defaults', () => {
  it('retries webhooks on Svix\'s schedule unless told otherwise', () => {
    expect(SVIX_RETRY_DELAYS_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000])
    expect(t.emulator.ctx.webhooks.config.retryDelaysMs).toBe(SVIX_RETRY_DELAYS_MS)
  })

  it('accepts the configured --host on the emulator\'s port, and not a wildcard bind address', () => {
    const ctx = (host: string) => ({ options: resolveOptions({ host }), baseUrl: 'http://127.0.0.1:4010' }) as EmulatorContext
    expect(isHostAllowed(ctx('192.168.1.5'), '192.168.1.5:4010')).toBe(true)
    expect(isHostAllowed(ctx('192.168.1.5'), '192.168.1.5:4011')).toBe(false)
    expect(isHostAllowed(ctx('0.0.0.0'), '0.0.0.0:4010')).toBe(false)
    expect(isHostAllowed(ctx('0.0.0.0'), '10.0.0.2:4010')).toBe(false)
    expect(isHostAllowed(ctx('::1'), '[::1]:4010')).toBe(true)
  })

  it('keeps the request log, newest first, and clears it', async () => {
    await fetch(`${t.emulator.url}/nowhere?secret=1`)
    await expect.poll(async () => ((await (await control('/requests')).json()) as { data: { path: string }[] }).data.find(r => r.path === '/nowhere'))
      .toMatchObject({ method: 'GET', status: 404 })
    const cleared = await fetch(`${t.emulator.url}/__emulator/requests`, { method: 'DELETE', headers: CONTROL_HEADERS })
    expect(cleared.status).toBe(200)
    // Only the DELETE itself, logged once it was answered.
    await expect.poll(() => t.emulator.ctx.requests.entries.map(r => `${r.method} ${r.path}`)).toEqual(['DELETE /__emulator/requests'])
  })
})
