import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyToken } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli } from '../src/cli-args.ts'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// One JSON file carries the whole instance: export, import elsewhere, export again gives the same bytes.

let source: TestEmulator
let exported: string
let token: string
let userId: string
let dir: string
const started: RunningEmulator[] = []

async function exportOf(emulator: RunningEmulator): Promise<string> {
  const res = await fetch(`${emulator.url}/__emulator/export`, { headers: CONTROL_HEADERS })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/json')
  return res.text()
}

async function start(options: Parameters<typeof startEmulator>[0]): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, quiet: true, ...options })
  started.push(emulator)
  return emulator
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-export-'))
  source = await startTestEmulator({ tokenTtl: 3600 })
  const user = await source.clerk.users.createUser({ emailAddress: [uniqueEmail('export')], password: PASSWORD, publicMetadata: { plan: 'pro' } })
  userId = user.id
  const session = await source.bapi('POST', '/v1/sessions', { json: { user_id: user.id } })
  token = (await source.bapi('POST', `/v1/sessions/${session.json.id}/tokens`)).json.jwt
  exported = await exportOf(source.emulator)
  await writeFile(join(dir, 'export.json'), exported)
})

afterAll(async () => {
  await Promise.all(started.map(e => e.stop()))
  await source.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('export then import', () => {
  it('reproduces the state byte for byte, keys included (--import at start)', async () => {
    const copy = await start({ memory: true, importFile: join(dir, 'export.json') })
    expect(await exportOf(copy)).toBe(exported)
    expect(copy.keys.secretKey).toBe(source.secretKey)
    expect(copy.env.CLERK_WEBHOOK_SIGNING_SECRET).toBe(source.emulator.env.CLERK_WEBHOOK_SIGNING_SECRET)
    const doc = JSON.parse(exported)
    expect(doc.keys.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/)
    expect(Object.keys(doc.state.users)).toEqual([userId])
  })

  it('keeps a session token minted before the export valid against the new instance\'s JWKS', async () => {
    const copy = await start({ memory: true, importFile: join(dir, 'export.json') })
    const claims = await verifyToken(token, { secretKey: copy.keys.secretKey, apiUrl: copy.env.NUXT_CLERK_API_URL })
    expect(claims.sub).toBe(userId)
    expect(claims.metadata).toEqual({ plan: 'pro' })
  })

  it('imports over the control API into a running instance, and into a data dir that survives a restart', async () => {
    const running = await start({ memory: true })
    const res = await fetch(`${running.url}/__emulator/import`, { method: 'POST', headers: { ...CONTROL_HEADERS, 'content-type': 'application/json' }, body: exported })
    expect(res.status).toBe(200)
    expect(await exportOf(running)).toBe(exported)

    const dataDir = join(dir, 'data')
    const first = await startEmulator({ port: 0, quiet: true, dataDir, importFile: join(dir, 'export.json') })
    await first.stop()
    const restarted = await start({ dataDir })
    expect(await exportOf(restarted)).toBe(exported)
  })

  it('writes the export on exit with --export-on-exit', async () => {
    const file = join(dir, 'on-exit.json')
    const emulator = await startEmulator({ port: 0, quiet: true, memory: true, importFile: join(dir, 'export.json'), exportOnExit: file })
    await emulator.stop()
    expect(await readFile(file, 'utf8')).toBe(exported)
  })

  it('refuses a broken or foreign file with a 4xx and changes nothing', async () => {
    const target = await start({ memory: true })
    const before = await exportOf(target)
    const bad = JSON.parse(exported)
    bad.keys.privateKeyPem = 'not a key'
    const user = JSON.parse(exported).state.users[userId]
    const withState = (users: unknown) => JSON.stringify({ ...JSON.parse(exported), state: { ...JSON.parse(exported).state, users } })
    for (const [body, status] of [['{', 400], ['{"format":"other"}', 422], [JSON.stringify({ ...JSON.parse(exported), version: 2 }), 422],
      [JSON.stringify({ ...JSON.parse(exported), state: { users: [1] } }), 422], [JSON.stringify(bad), 422],
      [withState({ [userId]: { ...user, email_addresses: null } }), 422], [withState({ other_id: user }), 422],
      [withState({ [userId]: { ...user, public_metadata: [] } }), 422],
      [withState({ [userId]: { ...user, totp: { id: 'totp_1', secret: 'not base32!' } } }), 422],
      [withState({ [userId]: { ...user, backup_codes: { id: 'bcode_1', digests: ['short'] } } }), 422], ['', 400]] as const) {
      const res = await fetch(`${target.url}/__emulator/import`, { method: 'POST', headers: { ...CONTROL_HEADERS, 'content-type': 'application/json' }, body })
      expect({ body: body.slice(-60), status: res.status }).toEqual({ body: body.slice(-60), status })
      expect((await res.json()).errors[0].code).toMatch(/import_invalid|malformed_request_body/)
    }
    expect(await exportOf(target)).toBe(before)
  })

  it('reads --import, --export-on-exit and repeated --webhook-url from the command line', () => {
    expect(parseCli(['--import', 'a.json', '--export-on-exit', 'b.json', '--webhook-url', 'http://localhost:3000/api/webhooks', '--webhook-url', 'http://127.0.0.1:9/x'], {}))
      .toEqual({ help: false, options: { importFile: 'a.json', exportOnExit: 'b.json', webhookUrls: ['http://localhost:3000/api/webhooks', 'http://127.0.0.1:9/x'] } })
    expect(() => parseCli(['--webhook-url', 'ftp://x'], {})).toThrow(/http/)
  })
})
