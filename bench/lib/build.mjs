// Production builds for a run: ours (`nuxt build` at the root, `.output`) and the reference apps in
// bench/apps/<name> (`nuxt build bench/apps/<name>`, into bench/.builds/<name>/output), each rebuilt
// only when a source is newer than it, then copied aside so that a concurrent `nuxt build` (tests,
// other engineers) cannot swap files under a running benchmark.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Everything the root `nuxt build` reads from the app (the emulator and bench/ are not part of it). */
const APP_INPUTS = [
  'nuxt.config.ts', 'app.vue', 'app.config.ts', 'error.vue', 'package.json', 'package-lock.json', 'tsconfig.json',
  'i18n.config.ts', 'pages', 'layouts', 'middleware', 'components', 'composables', 'plugins', 'server',
  'shared', 'types', 'utils', 'assets', 'public', 'i18n', 'app',
]

/** The reference apps: each a small Nuxt app of its own, built with the project's node_modules. */
export const REFERENCES = ['bare', 'clerk-stock']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Where each build reads from and writes to. */
export function target(root, name) {
  if (name === 'ours') return { rootDir: root, output: join(root, '.output'), inputs: APP_INPUTS.map(i => join(root, i)) }
  const rootDir = join(root, 'bench', 'apps', name)
  return { rootDir, output: join(root, 'bench', '.builds', name, 'output'), inputs: [rootDir, join(root, 'package-lock.json')] }
}

/** Why a build must be (re)made, or undefined when it is newer than every input. */
export function staleReason({ output, inputs }) {
  const marker = join(output, 'nitro.json')
  if (!existsSync(marker)) return `no ${output}`
  const built = statSync(marker).mtimeMs
  for (const input of inputs) {
    if (newestMtime(input) > built) return `${input} changed since the last build`
  }
  return undefined
}

/** Runs `nuxt build` for `name` ('ours' or a reference app) when its output is missing or stale. */
export function ensureBuild(root, name, log) {
  const t = target(root, name)
  const reason = staleReason(t)
  if (!reason) return { name, built: false, output: t.output }
  log(`building ${name} (${reason}): nuxt build${name === 'ours' ? '' : ` bench/apps/${name}`}`)
  const started = Date.now()
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'nuxt', 'bin', 'nuxt.mjs'), 'build', ...(name === 'ours' ? [] : [t.rootDir])], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) throw new Error(`nuxt build (${name}) failed with status ${result.status}`)
  return { name, built: true, reason, seconds: (Date.now() - started) / 1000, output: t.output }
}

/** A private copy of a build directory (a few MB, well under a second). */
export function snapshotBuild(outputDir) {
  const copy = mkdtempSync(join(tmpdir(), 'bench-output-'))
  cpSync(outputDir, copy, { recursive: true })
  return copy
}
