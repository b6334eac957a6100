// `npm run screenshots`: builds, runs the screens journey (tests/e2e/screens.test.ts: every screen
// in Korean and English, light and dark, desktop and phone) and copies its shots into
// docs/screenshots/ for the README. `--no-build` uses the existing build.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { run } from './lib/run.mjs'

const SHOTS = 'test-results/screenshots'
const DOCS = 'docs/screenshots'

if (!process.argv.includes('--no-build')) {
  const built = await run('nuxt', ['build'], { env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } })
  if (built !== 0) process.exit(built)
}
const tested = await run('vitest', ['run', '--project', 'e2e', 'tests/e2e/screens.test.ts'])
if (tested !== 0) process.exit(tested)
mkdirSync(DOCS, { recursive: true })
const shots = readdirSync(SHOTS).filter(name => name.startsWith('readme-'))
for (const name of shots) copyFileSync(`${SHOTS}/${name}`, `${DOCS}/${name.slice('readme-'.length)}`)
console.log(`${shots.length} screenshots in ${DOCS}/`)
