import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll } from 'vitest'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/src/index.ts'
import { DEFAULT_LOCALE, messages } from '../../shared/messages'

const root = fileURLToPath(new URL('../..', import.meta.url))
const serverEntry = `${root}.output/server/index.mjs`

export interface Stack {
  appUrl: string
  emulator: RunningEmulator
  /** Everything the app printed so far (stdout and stderr). */
  logs: () => string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return
    }
    catch { /* not listening yet */ }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`app did not answer /api/health within ${timeoutMs} ms`)
}

export interface StackOptions {
  emulator?: Partial<EmulatorOptions>
  env?: Record<string, string>
  /**
   * A production Clerk instance (`--instance production`): the app at http://app.localhost:<port>
   * and the Frontend API at http://clerk.app.localhost:<emulator port> (emulator/README.md).
   */
  production?: boolean
}

/**
 * The production build (`.output`, built by `npm test` before the suites) served by Node on a
 * free port, wired to an in-memory Clerk emulator on another free port, as in production.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (!existsSync(serverEntry)) throw new Error('No production build: run `npm run build` first (npm test does).')
  const port = await freePort()
  const appUrl = options.production ? `http://app.localhost:${port}` : `http://localhost:${port}`
  const instance: Partial<EmulatorOptions> = options.production ? { instance: 'production', origins: [appUrl] } : {}
  // Named as `npm run dev` names it, so Clerk's cards say the app's name.
  const emulator = await startEmulator({ port: 0, memory: true, quiet: true, appName: messages[DEFAULT_LOCALE].app.name, ...instance, ...options.emulator })
  let output = ''
  const child = spawn(process.execPath, [serverEntry], {
    cwd: root,
    env: {
      ...process.env,
      ...emulator.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      NUXT_CLERK_AUTHORIZED_PARTIES: appUrl,
      CLERK_TELEMETRY_DISABLED: '1',
      NUXT_TELEMETRY_DISABLED: '1',
      CLERK_KEYLESS_DISABLED: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    output += chunk
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  try {
    // Node does not resolve *.localhost names; the app answers on loopback whatever the name.
    await waitForHealth(`http://127.0.0.1:${port}`, child)
  }
  catch (error) {
    child.kill('SIGKILL')
    await emulator.stop()
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error })
  }
  return {
    appUrl,
    emulator,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      await emulator.stop()
    },
  }
}

/** The emulator's Backend API through the official client: the ground truth for "nothing changed". */
export function backendClient(emulator: RunningEmulator) {
  return createClerkClient({ secretKey: emulator.keys.secretKey, apiUrl: emulator.env.NUXT_CLERK_API_URL })
}

export interface StackFixture extends Stack {
  /** The emulator's Backend API client (backendClient). */
  clerk: ReturnType<typeof backendClient>
}

/**
 * A stack for the test file, or the describe block, that calls it: started in `beforeAll`, stopped in
 * `afterAll`. The returned object is filled in when the stack is up, so read it inside hooks and tests.
 * Options may be a function, for options that need awaiting (a free port).
 */
export function useStack(options: StackOptions | (() => Promise<StackOptions>) = {}): StackFixture {
  const fixture = {} as StackFixture
  let started: Stack | undefined
  beforeAll(async () => {
    started = await startStack(typeof options === 'function' ? await options() : options)
    Object.assign(fixture, started, { clerk: backendClient(started.emulator) })
  })
  afterAll(() => started?.stop())
  return fixture
}
