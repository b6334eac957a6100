import { request } from 'node:http'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts'
import { createSignedInUser } from '../support/sessions'
import { freePort } from '../support/stack'
import { buildImage, runImage, waitUntilHealthy, type BuiltImage, type RunningApp } from './support/image'

// The image, without Docker: built from a clean copy of the build context, then only `.output`
// run with the image's ENV and CMD as an unprivileged user, wired to an in-memory Clerk emulator.
// Cloud Run's front end is played by the request headers it adds.

const root = fileURLToPath(new URL('../..', import.meta.url))
const PROJECT = 'smoke-project'
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'

let image: BuiltImage
let emulator: RunningEmulator
let app: RunningApp

/** Port 8080 as on Cloud Run, unless something here already listens there. */
async function imagePort(): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = request({ host: '127.0.0.1', port: 8080, method: 'HEAD', timeout: 500 })
    probe.on('response', () => resolve(false)).on('error', () => resolve(true)).on('timeout', () => probe.destroy())
    probe.end()
  })
  return free ? 8080 : freePort()
}

/** Every stdout line, parsed; fails on a line that is not JSON. */
function logEntries(): Array<Record<string, unknown>> {
  return app.stdout().split('\n').filter(Boolean).map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>
    }
    catch {
      throw new Error(`not a JSON log line: ${line}`)
    }
  })
}

function requestLog(predicate: (url: string) => boolean): Record<string, unknown> | undefined {
  return logEntries().find(entry => typeof entry.httpRequest === 'object' && predicate((entry.httpRequest as { requestUrl: string }).requestUrl))
}

/** Raw HTTP, because fetch may not set Host, which Cloud Run's front end passes through. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number, location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}${path}`, { headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode!, location: res.headers.location })
    })
    req.on('error', reject)
    req.end()
  })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(file => join(dir, file)).filter(file => statSync(file).isFile())
}

beforeAll(async () => {
  image = await buildImage(root)
  emulator = await startEmulator({ port: 0, memory: true, quiet: true })
  const port = await imagePort()
  app = runImage(image, {
    ...emulator.env,
    PORT: String(port),
    NUXT_CLERK_AUTHORIZED_PARTIES: `http://127.0.0.1:${port},https://app.example.com`,
    GOOGLE_CLOUD_PROJECT: PROJECT,
  })
  await waitUntilHealthy(app)
}, 600_000)

afterEach((context) => {
  // The server's own account of what went wrong, next to the failed assertion.
  if (context.task.result?.state === 'fail' && app) console.error(`server output:\n${(app.stdout() + app.stderr()).slice(-6000)}`)
})

afterAll(async () => {
  if (app && app.child.exitCode === null) app.child.kill('SIGKILL')
  await emulator?.stop()
  image?.remove()
})

describe('the image, reproduced without a container engine', () => {
  it('is built from a clean build context by `npm ci` and a build, with no secret in it or in .output', () => {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    const { contextMs, installMs, buildMs, outputMs } = image.timings
    console.info(`context ${seconds(contextMs)} (${image.contextFiles.length} files), npm ci ${seconds(installMs)}, build ${seconds(buildMs)}, copy .output ${seconds(outputMs)}`)
    expect(image.contextFiles).toContain('package-lock.json')
    expect(image.contextFiles.filter(file => /(^|\/)(\.env|\.npmrc|\.data\/|node_modules\/|\.output\/|\.git\/)/.test(file))).toEqual([])
    expect(readdirSync(image.appDir)).toEqual(['.output'])
    const leaks = filesUnder(join(image.appDir, '.output')).filter((file) => {
      const text = readFileSync(file, 'latin1')
      return /sk_(live|test)_[A-Za-z0-9]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || text.includes(emulator.keys.secretKey)
    })
    expect(leaks).toEqual([])
  })

  it('runs as an unprivileged user', (context) => {
    if (app.uid !== 65534) {
      console.warn(`running as uid ${app.uid}: not root or setpriv unavailable, so privileges were not dropped`)
      context.skip()
    }
    const status = readFileSync(`/proc/${app.child.pid}/status`, 'utf8')
    expect(status).toMatch(/^Uid:\s+65534\s+65534/m)
  })

  it('answers the startup and liveness probe on /api/health without calling Clerk', async () => {
    const res = await fetch(`${app.url}/api/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('server-renders /', async () => {
    // No `Accept: text/html`: with the emulator's development keys Clerk would first send a
    // cookie-less client through its dev-browser handshake, which fetch cannot complete.
    const res = await fetch(`${app.url}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toMatch(/<html[^>]*\slang="[a-z]{2}/)
    expect(html).toMatch(/<title>[^<]+<\/title>/)
    // The app's markup is inside the mount point, not left for the browser to render.
    expect(html).toMatch(/<div id="__nuxt">\s*<[a-z]/)
  })

  it('logs one Cloud Logging JSON object per line, with the request\'s trace', async () => {
    await fetch(`${app.url}/?probe=trace`, { headers: { 'x-cloud-trace-context': `${TRACE_ID}/1234567890;o=1`, 'user-agent': 'smoke-test' } })
    await new Promise(resolve => setTimeout(resolve, 100))
    const entry = requestLog(url => url.endsWith('/?probe=trace'))
    expect(entry).toMatchObject({
      'severity': 'INFO',
      'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${TRACE_ID}`,
      'logging.googleapis.com/spanId': (1234567890).toString(16).padStart(16, '0'),
      'logging.googleapis.com/trace_sampled': true,
      'httpRequest': { requestMethod: 'GET', status: 200, userAgent: 'smoke-test' },
    })
    expect((entry!.httpRequest as { latency: string }).latency).toMatch(/^\d+\.\d{3}s$/)
    // Error pages too: Nuxt's error handler answers those outside Nitro's afterResponse hook.
    expect((await fetch(`${app.url}/no-such-page`)).status).toBe(404)
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(requestLog(url => url.endsWith('/no-such-page'))).toMatchObject({ severity: 'WARNING', httpRequest: { status: 404 } })
    expect(logEntries().every(line => typeof line.severity === 'string' && typeof line.message === 'string')).toBe(true)
    expect(app.stderr()).toBe('')
  })

  it('never logs a token or key: Authorization, cookies, Clerk query parameters, JWTs, sk_ keys', async () => {
    const user = await createSignedInUser(emulator, `http://127.0.0.1:${new URL(app.url).port}`)
    const token = await user.token()
    const secret = emulator.keys.secretKey
    await fetch(`${app.url}/?__clerk_db_jwt=${token}&__clerk_handshake=${token}&note=${secret}`, {
      headers: { authorization: `Bearer ${token}`, cookie: `__session=${token}; __client_uat=1`, referer: `https://app.example.com/?__clerk_handshake=${token}` },
    })
    await fetch(`${app.url}/api/onboarding-status`, { headers: { authorization: `Bearer ${token}` } })
    await new Promise(resolve => setTimeout(resolve, 100))
    const logs = app.stdout() + app.stderr()
    expect(requestLog(url => url.includes('__clerk_db_jwt='))?.message).toContain('[REDACTED]')
    for (const [name, value] of [['session token', token], ['token signature', token.split('.')[2]!], ['secret key', secret]] as const) {
      expect(logs.includes(value), `${name} in the logs`).toBe(false)
    }
  })

  it('sees the public https origin that Cloud Run\'s front end forwards (Host, X-Forwarded-Proto)', async () => {
    // A signed-out browser with a Clerk client cookie: Clerk redirects to its handshake, naming
    // the URL to come back to, which must be the public https one.
    const res = await rawGet('/dashboard', {
      'host': 'app.example.com',
      'x-forwarded-proto': 'https',
      'cookie': '__client_uat=1700000000',
      'sec-fetch-dest': 'document',
      'accept': 'text/html',
    })
    expect(res.status).toBe(307)
    expect(new URL(res.location!).searchParams.get('redirect_url')).toBe('https://app.example.com/dashboard')
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(requestLog(url => url === 'https://app.example.com/dashboard')).toBeDefined()
    // Proxies that rewrite Host (Firebase Hosting, some load balancers) send X-Forwarded-Host.
    const proxied = await rawGet('/dashboard?via=proxy', {
      'host': 'clerk-onboarding-abc123-du.a.run.app',
      'x-forwarded-host': 'app.example.com',
      'x-forwarded-proto': 'https',
      'cookie': '__client_uat=1700000000',
      'sec-fetch-dest': 'document',
      'accept': 'text/html',
    })
    expect(new URL(proxied.location!).searchParams.get('redirect_url')).toBe('https://app.example.com/dashboard?via=proxy')
  })

  it('refuses to start with a live secret key and no authorized parties, saying why', async () => {
    const liveKey = `sk_live_${'x'.repeat(40)}`
    const port = await freePort()
    const misconfigured = runImage(image, { ...emulator.env, NUXT_CLERK_SECRET_KEY: liveKey, PORT: String(port) })
    const timeout = setTimeout(() => misconfigured.child.kill('SIGKILL'), 15_000)
    const { code } = await misconfigured.exited
    clearTimeout(timeout)
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    const output = misconfigured.stdout() + misconfigured.stderr()
    expect(output).toContain('NUXT_CLERK_AUTHORIZED_PARTIES is required with a live Clerk secret key')
    expect(output).not.toContain(liveKey)
  })

  // Last: it stops the server.
  it('on SIGTERM finishes the in-flight request, refuses new connections and exits within 10 s', async () => {
    const appOrigin = `http://127.0.0.1:${new URL(app.url).port}`
    const user = await createSignedInUser(emulator, appOrigin)
    const token = await user.token()
    // Clerk takes 2 s to answer the onboarding write, so the request is still running at SIGTERM.
    emulator.setFaults([{ method: 'PATCH', path: '/bapi/v1/users/*/metadata', latencyMs: 2000, times: 1 }])
    const started = Date.now()
    const inFlight = fetch(`${app.url}/api/complete-onboarding`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ applicationName: '드레인 테스트', applicationType: 'SaaS' }),
    })
    await new Promise(resolve => setTimeout(resolve, 500))
    const signalled = Date.now()
    app.child.kill('SIGTERM')

    // New connections are refused while the old request drains.
    let refused: unknown
    for (let i = 0; i < 20 && !refused; i++) {
      await new Promise(resolve => setTimeout(resolve, 50))
      refused = await fetch(`${app.url}/api/health`).then(() => undefined, (error: Error) => error.cause ?? error)
    }
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' })

    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ success: true, onboardingComplete: true })
    const answeredAfter = Date.now() - started

    const { code } = await app.exited
    const exitedAfter = Date.now() - signalled
    console.info(`in-flight request answered ${answeredAfter} ms after it started; exit ${code} ${exitedAfter} ms after SIGTERM`)
    expect(code).toBe(0)
    expect(answeredAfter).toBeGreaterThanOrEqual(2000)
    expect(exitedAfter).toBeLessThan(10_000)
    const messages = logEntries().map(entry => entry.message as string)
    const drainStart = messages.findIndex(message => message.startsWith('SIGTERM'))
    const answered = messages.findIndex(message => message.startsWith('POST /api/complete-onboarding 200'))
    expect(drainStart).toBeGreaterThan(-1)
    expect(answered).toBeGreaterThan(drainStart)
    expect(messages.at(-1)).toMatch(/^Server closed/)
  })
})
