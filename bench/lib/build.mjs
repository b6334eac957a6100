// Makes sure a production build of the current sources exists, then copies it aside so that a
// concurrent `nuxt build` (tests, other engineers) cannot swap files under a running benchmark.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Everything `nuxt build` reads from the app (the emulator is not part of the build). */
const INPUTS = [
  'nuxt.config.ts', 'app.vue', 'app.config.ts', 'error.vue', 'package.json', 'package-lock.json', 'tsconfig.json',
  'i18n.config.ts', 'pages', 'layouts', 'middleware', 'components', 'composables', 'plugins', 'server',
  'shared', 'types', 'utils', 'assets', 'public', 'i18n', 'app',
]

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why `.output` must be rebuilt, or undefined when it is newer than every input. */
export function staleReason(root) {
  const marker = join(root, '.output', 'nitro.json')
  if (!existsSync(marker)) return 'no .output'
  const built = statSync(marker).mtimeMs
  for (const input of INPUTS) {
    if (newestMtime(join(root, input)) > built) return `${input} changed since the last build`
  }
  return undefined
}

/** Runs `nuxt build` when `.output` is missing or stale; returns what it did. */
export function ensureBuild(root, log) {
  const reason = staleReason(root)
  if (!reason) return { built: false }
  log(`building (${reason}): nuxt build`)
  const started = Date.now()
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'nuxt', 'bin', 'nuxt.mjs'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) throw new Error(`nuxt build failed with status ${result.status}`)
  return { built: true, reason, seconds: (Date.now() - started) / 1000 }
}

/** A private copy of a build directory (6 MB, well under a second). */
export function snapshotBuild(outputDir) {
  const copy = mkdtempSync(join(tmpdir(), 'bench-output-'))
  cpSync(outputDir, copy, { recursive: true })
  return copy
}
