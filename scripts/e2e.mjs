// `npm run test:e2e`: a fresh production build, then the Playwright journeys.
import { run } from './lib/run.mjs'

const env = { ...process.env, NUXT_TELEMETRY_DISABLED: '1', CLERK_TELEMETRY_DISABLED: '1' }
const built = await run('nuxt', ['build'], { env })
if (built !== 0) process.exit(built)
process.exit(await run('vitest', ['run', '--project', 'e2e', ...process.argv.slice(2)], { env }))
