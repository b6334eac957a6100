import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClerkClient, verifyToken } from '@clerk/backend'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index.ts'
import { spawnEmulator } from './helpers/child.ts'
import { PASSWORD, uniqueEmail } from './helpers/emulator.ts'

const dirs: string[] = []
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-test-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(dir => rm(dir, { recursive: true, force: true })))
})

describe('persistence', () => {
  it('keeps users, metadata and keys across a restart on the same data dir', async () => {
    const dir = await dataDir()
    const first = await startEmulator({ port: 0, dataDir: dir, quiet: true })
    const clerk = createClerkClient({ secretKey: first.keys.secretKey, apiUrl: first.env.NUXT_CLERK_API_URL })
    const user = await clerk.users.createUser({ emailAddress: [uniqueEmail('restart')], password: PASSWORD })
    await clerk.users.updateUserMetadata(user.id, { publicMetadata: { onboardingComplete: true } })
    const session = await clerk.sessions.createSession({ userId: user.id })
    const { jwt } = await clerk.sessions.getToken(session.id)
    await first.stop()

    const second = await startEmulator({ port: 0, dataDir: dir, quiet: true })
    try {
      // Same instance identity: the app's secret key and JWT key stay valid.
      expect(second.keys.secretKey).toBe(first.keys.secretKey)
      expect(second.env.NUXT_CLERK_JWT_KEY).toBe(first.env.NUXT_CLERK_JWT_KEY)
      const again = createClerkClient({ secretKey: second.keys.secretKey, apiUrl: second.env.NUXT_CLERK_API_URL })
      const fetched = await again.users.getUser(user.id)
      expect(fetched.publicMetadata).toEqual({ onboardingComplete: true })
      expect((await again.sessions.getSession(session.id)).status).toBe('active')
      expect((await verifyToken(jwt, { secretKey: second.keys.secretKey, apiUrl: second.env.NUXT_CLERK_API_URL, skipJwksCache: true })).sub).toBe(user.id)
    }
    finally {
      await second.stop()
    }
  })

  it('keeps every acknowledged write when the process is killed with SIGKILL during a burst', async () => {
    const dir = await dataDir()
    const { child, env, exited } = await spawnEmulator(['--port', '0', '--data-dir', dir, '--quiet'])
    const clerk = createClerkClient({ secretKey: env.NUXT_CLERK_SECRET_KEY!, apiUrl: env.NUXT_CLERK_API_URL! })

    const created = new Map<string, string>() // user id -> email, acknowledged creates
    const counters = new Map<string, number>() // user id -> last acknowledged metadata counter
    let killed = false
    const worker = async (w: number) => {
      while (!killed) {
        const email = uniqueEmail(`burst${w}`)
        let id: string
        try { id = (await clerk.users.createUser({ emailAddress: [email], password: PASSWORD, skipPasswordChecks: true })).id }
        catch { return }
        created.set(id, email)
        for (let n = 1; n <= 5 && !killed; n++) {
          try { await clerk.users.updateUserMetadata(id, { publicMetadata: { n, nested: { w, n } } }) }
          catch { return }
          counters.set(id, n)
        }
      }
    }
    const workers = Array.from({ length: 6 }, (_, w) => worker(w))
    try {
      // Kill mid-burst, once enough writes are acknowledged that the test means something.
      const deadline = Date.now() + 20_000
      while (created.size + [...counters.values()].reduce((a, b) => a + b, 0) < 60) {
        if (Date.now() > deadline) throw new Error('the burst made no progress')
        await new Promise(r => setTimeout(r, 5))
      }
    }
    finally {
      child.kill('SIGKILL')
      killed = true
    }
    expect((await exited).signal).toBe('SIGKILL')
    await Promise.all(workers)

    // The state file is whole JSON, never torn.
    const stateText = await readFile(join(dir, 'state.json'), 'utf8')
    expect(() => JSON.parse(stateText)).not.toThrow()
    const restarted = await startEmulator({ port: 0, dataDir: dir, quiet: true })
    try {
      const users = restarted.store.data.users
      for (const [id, email] of created) {
        expect(users[id], `acknowledged user ${email}`).toBeDefined()
        expect(users[id]!.email_addresses[0]!.email_address).toBe(email)
      }
      for (const [id, n] of counters) {
        // A later write may have landed without its acknowledgement; an earlier state never.
        expect(users[id]!.public_metadata.n as number, `metadata of ${id}`).toBeGreaterThanOrEqual(n)
      }
      expect(created.size).toBeGreaterThan(5)
    }
    finally {
      await restarted.stop()
    }
  })
})
