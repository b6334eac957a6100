// The pieces a run needs: the in-memory Clerk emulator (in this process), production servers
// (child processes: ours and the reference apps), signed-in users and their cookies.
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startEmulator } from '../../emulator/src/index.ts'
import { createSignedInUser } from '../../tests/support/sessions.ts'

/** What the signed-in, onboarded bench user has in public metadata (the bare page shows the same values). */
export const ONBOARDED = { onboardingComplete: true, applicationName: 'Bench app', applicationType: 'benchmark' }

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Session tokens must outlive the run (Clerk's default is 60 s). */
export function startBenchEmulator() {
  // The journey times the app's own steps: sign-up lands on /onboarding at once, with no emailed code.
  return startEmulator({ port: 0, memory: true, quiet: true, tokenTtl: 3600, emailVerification: false })
}

/** The environment a production server gets, as tests/support/stack.ts gives it. */
export function appEnv(emulator, port, extra = {}) {
  return {
    ...process.env,
    ...emulator.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    NUXT_CLERK_AUTHORIZED_PARTIES: `http://localhost:${port}`,
    CLERK_TELEMETRY_DISABLED: '1',
    NUXT_TELEMETRY_DISABLED: '1',
    CLERK_KEYLESS_DISABLED: '1',
    ...extra,
  }
}

/** Starts `node <build>/server/index.mjs`; output goes to a file so draining it costs the harness nothing. */
export function spawnApp(buildDir, env, logFile) {
  const fd = openSync(logFile, 'a')
  const child = spawn(process.execPath, [join(buildDir, 'server', 'index.mjs')], { env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  return child
}

/** Polls `url` (with `headers`) until it answers 200; returns the milliseconds since `startedAt`. */
export async function waitFor200(url, child, startedAt, headers = {}, timeoutMs = 30_000) {
  while (performance.now() - startedAt < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ${url} answered`)
    try {
      const res = await fetch(url, { headers, redirect: 'manual' })
      await res.arrayBuffer()
      if (res.status === 200) return performance.now() - startedAt
    }
    catch { /* not listening yet */ }
    await sleep(2)
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`)
}

export async function stopApp(child) {
  if (child.exitCode !== null) return
  const exited = new Promise(resolve => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** The page every server renders, and what its HTML must contain for a signed-in, onboarded user. */
export const PAGE = '/dashboard'

/**
 * Fetches the page as the user and checks it is the signed-in page: 200, the user's saved values,
 * and (on the servers that authenticate) the user's id in Clerk's initial state. A 302 to sign-in
 * would otherwise look fast.
 */
export async function expectSignedInPage(server) {
  const res = await fetch(`${server.url}${PAGE}`, { headers: server.user.pageHeaders, redirect: 'manual' })
  const html = await res.text()
  const markers = [ONBOARDED.applicationName, ONBOARDED.applicationType, ...(server.authenticates ? [server.user.userId] : [])]
  const missing = markers.filter(m => !html.includes(m))
  if (res.status !== 200 || missing.length) {
    throw new Error(`${server.label}: GET ${PAGE} answered ${res.status} without ${missing.join(', ')} (${res.headers.get('location') ?? html.slice(0, 200)})`)
  }
  return html.length
}

/**
 * A running production server (`label`) from `buildDir`, with its own signed-in, onboarded user
 * (the session token's `azp` is the server's origin), started and waited for until the page
 * answers 200. `authenticates`: whether the page is rendered from the user's session.
 */
export async function startServer({ label, buildDir, emulator, env = {}, logDir, authenticates = true }) {
  const port = await freePort()
  const url = `http://localhost:${port}`
  const logFile = join(logDir, `${label}.log`)
  const user = await signedInUser(emulator, url, ONBOARDED)
  const startedAt = performance.now()
  const child = spawnApp(buildDir, appEnv(emulator, port, env), logFile)
  let startMs
  try {
    startMs = await waitFor200(`${url}${PAGE}`, child, startedAt, user.pageHeaders)
  }
  catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${label}: ${error.message}\n${readFileSync(logFile, 'utf8').slice(-4000)}`, { cause: error })
  }
  const server = { label, url, port, child, logFile, user, authenticates, startMs, stop: () => stopApp(child) }
  server.htmlBytes = await expectSignedInPage(server).catch(async (error) => {
    await server.stop()
    throw error
  })
  return server
}

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
  return match ? Number(match[1]) / 1024 : null
}

/** CPU time (user + system) a process has used so far, in ms (Linux clock ticks of 10 ms). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command.
  return (Number(fields[11]) + Number(fields[12])) * 10
}

function payloadOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
}

/**
 * A signed-in user of the app at `appUrl` (its origin is the token's `azp`) and the headers a
 * browser would send: Clerk's cookies (`__client_uat` = the token's `iat`, a dev-browser token)
 * plus `Accept: text/html` for page requests.
 */
export async function signedInUser(emulator, appUrl, metadata) {
  const session = await createSignedInUser(emulator, appUrl, metadata)
  const token = await session.token({ ttlSeconds: 3600 })
  const { iat } = payloadOf(token)
  const cookie = `__session=${token}; __client_uat=${iat}; __clerk_db_jwt=dvb_bench`
  return { ...session, jwt: token, cookie, headers: { cookie }, pageHeaders: { cookie, accept: 'text/html' } }
}
