// Emulator benchmark (not a test): token mint throughput and password sign-in latency.
//   node emulator/bench/bench.ts                # print results
//   node emulator/bench/bench.ts --write-readme # also replace the figures in emulator/README.md
// Every loop is bounded by a count and talks only to the emulator it starts on 127.0.0.1.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { mintSessionToken } from '../src/tokens.ts'

const PASSWORD = 'bench-password-123'
const ORIGIN = 'http://localhost:3000'

interface Row { name: string, n: number, value: string }

/** The few fields read from Frontend API answers (`{ response, client }`, or a bare dev browser). */
interface FapiBody {
  id: string
  response: { id: string, status: string }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function latencyRow(name: string, samples: number[]): Row {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length
  const f = (v: number) => v.toFixed(1)
  return { name, n: samples.length, value: `p50 ${f(percentile(sorted, 50))} ms, p95 ${f(percentile(sorted, 95))} ms, p99 ${f(percentile(sorted, 99))} ms, mean ${f(mean)} ms` }
}

async function bapi<T = { id: string }>(em: RunningEmulator, method: string, path: string, json?: unknown): Promise<T> {
  const res = await fetch(`${em.env.NUXT_CLERK_API_URL}${path}`, {
    method,
    headers: { 'authorization': `Bearer ${em.keys.secretKey}`, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<T>
}

async function fapi(em: RunningEmulator, path: string, devBrowser: string | null, form?: Record<string, string>) {
  const url = new URL(`${em.env.NUXT_PUBLIC_CLERK_PROXY_URL}${path}`)
  if (devBrowser) url.searchParams.set('__clerk_db_jwt', devBrowser)
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'origin': ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  })
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<FapiBody>
}

/** Runs `count` calls of `fn` with `concurrency` in flight; returns calls per second. */
async function throughput(count: number, concurrency: number, fn: () => Promise<unknown>): Promise<number> {
  let started = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (started < count) {
      started++
      await fn()
    }
  }))
  return count / ((performance.now() - t0) / 1000)
}

async function benchInstance(label: string, em: RunningEmulator, rows: Row[]) {
  const user = await bapi(em, 'POST', '/v1/users', { email_address: [`bench-${label}@example.com`], password: PASSWORD, public_metadata: { onboardingComplete: true } })
  const session = await bapi(em, 'POST', '/v1/sessions', { user_id: user.id })

  // Token mints: the signing itself, then through the Backend API over HTTP.
  const record = em.store.data.users[user.id]!
  const sessionRecord = em.store.data.sessions[session.id]!
  const mint = () => mintSessionToken({ keys: em.keys, user: record, session: sessionRecord, template: em.ctx.options.sessionClaims, ttlSeconds: 60 })
  await throughput(200, 1, mint) // warm-up
  if (label === 'memory') rows.push({ name: 'token mint, in process (RS256 sign + claims template)', n: 3000, value: `${Math.round(await throughput(3000, 1, mint))} /s` })
  for (const concurrency of [1, 8]) {
    const rate = await throughput(2000, concurrency, () => bapi(em, 'POST', `/v1/sessions/${session.id}/tokens`))
    rows.push({ name: `token mint, BAPI POST /v1/sessions/{id}/tokens, ${concurrency} in flight (${label})`, n: 2000, value: `${Math.round(rate)} /s` })
  }

  // Password sign-in the way clerk-js does it, each on a fresh browser (dev_browser) so no session exists yet.
  const signIn: number[] = []
  for (let i = 0; i < 60; i++) {
    const db = (await fapi(em, '/v1/dev_browser', null)).id
    const t0 = performance.now()
    const created = await fapi(em, '/v1/client/sign_ins', db, { identifier: `bench-${label}@example.com` })
    const done = await fapi(em, `/v1/client/sign_ins/${created.response.id}/attempt_first_factor`, db, { strategy: 'password', password: PASSWORD })
    if (done.response.status !== 'complete') throw new Error(`sign-in ended ${done.response.status}`)
    if (i >= 10) signIn.push(performance.now() - t0) // the first 10 warm up
  }
  rows.push(latencyRow(`password sign-in, FAPI sign_ins + attempt_first_factor (${label})`, signIn))

  // What @clerk/testing's signIn({ emailAddress }) does: a BAPI sign-in token redeemed as a ticket.
  const ticket: number[] = []
  for (let i = 0; i < 60; i++) {
    const db = (await fapi(em, '/v1/dev_browser', null)).id
    const t0 = performance.now()
    const { token } = await bapi<{ token: string }>(em, 'POST', '/v1/sign_in_tokens', { user_id: user.id, expires_in_seconds: 300 })
    const done = await fapi(em, '/v1/client/sign_ins', db, { strategy: 'ticket', ticket: token })
    if (done.response.status !== 'complete') throw new Error(`ticket sign-in ended ${done.response.status}`)
    if (i >= 10) ticket.push(performance.now() - t0)
  }
  rows.push(latencyRow(`ticket sign-in, BAPI sign_in_tokens + FAPI sign_ins strategy=ticket (${label})`, ticket))

  // The app's hot write: one metadata merge, acknowledged only after it is durable.
  const writes: number[] = []
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now()
    await bapi(em, 'PATCH', `/v1/users/${user.id}/metadata`, { public_metadata: { counter: i } })
    writes.push(performance.now() - t0)
  }
  rows.push(latencyRow(`updateUserMetadata, BAPI PATCH /v1/users/{id}/metadata (${label})`, writes))
}

const rows: Row[] = []
const memory = await startEmulator({ port: 0, memory: true, quiet: true })
try { await benchInstance('memory', memory, rows) }
finally { await memory.stop() }

const dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-bench-'))
const disk = await startEmulator({ port: 0, dataDir: dir, quiet: true })
try { await benchInstance('disk', disk, rows) }
finally {
  await disk.stop()
  await rm(dir, { recursive: true, force: true })
}

// The load average says how much else was running: figures from a busy machine are pessimistic.
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(1)}`
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; "disk" persists every write with fsync before answering.`,
  '',
  '| what | samples | result |',
  '| --- | --- | --- |',
  ...rows.map(r => `| ${r.name} | ${r.n} | ${r.value} |`),
].join('\n')
console.log(table)

if (process.argv.includes('--write-readme')) {
  const readme = new URL('../README.md', import.meta.url)
  const text = await readFile(readme, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  if (!text.includes(start) || !text.includes(end)) throw new Error(`README has no ${start} ... ${end} markers`)
  await writeFile(readme, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`)
  console.log(`\nwrote the figures into ${readme.pathname}`)
}
