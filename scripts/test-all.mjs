// `npm test`: lint, typecheck, a production build, then every vitest project (unit, nuxt, emulator,
// server, security, e2e, bench-smoke, container; see vitest.config.ts). Ends with one plain `N passed, N failed` line summing all of them; lint and
// typecheck count as one check each. Lint includes the emulator's import-cycle check (madge).
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { run } from './lib/run.mjs'

const env = { ...process.env, NUXT_TELEMETRY_DISABLED: '1', CLERK_TELEMETRY_DISABLED: '1' }
let passed = 0
let failed = 0

async function check(name, command, args) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`)
  const code = await run(command, args, { env })
  if (code === 0) passed++
  else failed++
  process.stdout.write(`== ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}\n`)
  return code === 0
}

await check('lint', 'npm', ['run', 'lint'])
await check('typecheck', 'nuxt', ['typecheck'])
const built = await check('build', 'nuxt', ['build'])

const report = 'test-results/vitest.json'
mkdirSync('test-results', { recursive: true })
rmSync(report, { force: true })
const projects = built ? [] : ['--project', 'unit', '--project', 'nuxt', '--project', 'emulator']
await run('vitest', ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { env })
try {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed += result.numPassedTests
  failed += result.numFailedTests
  // A file that failed to load has no tests to count; it must still fail the run.
  failed += result.testResults.filter(file => file.status === 'failed' && file.assertionResults.length === 0).length
}
catch {
  process.stdout.write('vitest wrote no report\n')
  failed++
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 ? 0 : 1)
