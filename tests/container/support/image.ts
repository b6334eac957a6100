import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { copyBuildContext } from './docker-context'
import { parseDockerfile, stageEnv } from './dockerfile'

// The Dockerfile's steps without a container engine: copy the build context, `npm ci` from the
// lockfile, build, then keep only `.output`, run with the runtime stage's ENV as an unprivileged
// user, as `CMD ["node", ".output/server/index.mjs"]` would.

export interface BuiltImage {
  /** Holds only `.output`, like the runtime stage's /app. */
  appDir: string
  /** Every file of the build context, relative. */
  contextFiles: string[]
  /** The runtime stage's ENV. */
  env: Record<string, string>
  timings: { contextMs: number, installMs: number, buildMs: number, outputMs: number }
  remove: () => void
}

/** The host's environment minus anything that could leak config or secrets into the build. */
function cleanEnv(): Record<string, string> {
  const path = (process.env.PATH ?? '').split(':').filter(entry => !entry.includes('node_modules'))
  const env: Record<string, string> = {
    // Node 24 first: the one running the tests, as in the image.
    PATH: [dirname(process.execPath), ...path].join(':'),
    HOME: process.env.HOME ?? '/root',
  }
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && /^(LANG|LC_\w+|TMPDIR|HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy|SSL_CERT_\w+|NODE_EXTRA_CA_CERTS)$/.test(name)) env[name] = value
  }
  return env
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    const started = Date.now()
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve(Date.now() - started)
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`))
    })
  })
}

export async function buildImage(root: string): Promise<BuiltImage> {
  const runtime = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8')).stages.at(-1)!
  const contextDir = mkdtempSync(join(tmpdir(), 'image-context-'))
  const appDir = mkdtempSync(join(tmpdir(), 'image-app-'))
  const remove = () => {
    rmSync(appDir, { recursive: true, force: true })
    // The copy's node_modules takes a minute to delete on a busy disk; nothing waits for it.
    spawn('rm', ['-rf', contextDir], { detached: true, stdio: 'ignore' }).unref()
  }
  try {
    let started = Date.now()
    const contextFiles = copyBuildContext(root, contextDir)
    const contextMs = Date.now() - started
    const env = { ...cleanEnv(), NUXT_TELEMETRY_DISABLED: '1', CLERK_TELEMETRY_DISABLED: '1', CI: 'true' }
    // --prefer-offline: the registry is only asked about what the npm cache lacks.
    const installMs = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], contextDir, env)
    const buildMs = await run('npm', ['run', 'build'], contextDir, env)
    started = Date.now()
    cpSync(join(contextDir, '.output'), join(appDir, '.output'), { recursive: true })
    const outputMs = Date.now() - started
    // mkdtemp makes 0700 directories; the unprivileged user must be able to read the app.
    chmodSync(appDir, 0o755)
    return { appDir, contextFiles, env: stageEnv(runtime), timings: { contextMs, installMs, buildMs, outputMs }, remove }
  }
  catch (error) {
    remove()
    throw error
  }
}

const NOBODY = 65534

/** `setpriv` arguments that drop to nobody, when we are root and can; else undefined (run as we are). */
function dropPrivileges(): string[] | undefined {
  if (process.getuid?.() !== 0) return undefined
  const args = [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--']
  const probe = spawnSync('setpriv', [...args, process.execPath, '-e', '0'], { stdio: 'ignore' })
  return probe.status === 0 ? args : undefined
}

export interface RunningApp {
  url: string
  child: ChildProcess
  /** The uid the server runs as. */
  uid: number
  stdout: () => string
  stderr: () => string
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

/** Starts `node .output/server/index.mjs` in the image's /app with the image's ENV plus `env`. */
export function runImage(image: BuiltImage, env: Record<string, string>): RunningApp {
  const privileges = dropPrivileges()
  const fullEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent', ...image.env, ...env }
  const command = privileges ? 'setpriv' : process.execPath
  const args = [...(privileges ?? []), ...(privileges ? [process.execPath] : []), '.output/server/index.mjs']
  const child = spawn(command, args, { cwd: image.appDir, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  return {
    url: `http://127.0.0.1:${env.PORT ?? image.env.PORT}`,
    child,
    uid: privileges ? NOBODY : process.getuid?.() ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
  }
}

/** Waits until /api/health answers 200 (the Cloud Run startup probe), or the process exits. */
export async function waitUntilHealthy(app: RunningApp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`server exited with ${app.child.exitCode}:\n${app.stdout()}\n${app.stderr()}`)
    try {
      if ((await fetch(`${app.url}/api/health`)).ok) return
    }
    catch { /* not listening yet */ }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`no healthy answer within ${timeoutMs} ms:\n${app.stdout()}\n${app.stderr()}`)
}
