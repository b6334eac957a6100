import { parseArgs } from 'node:util'
import { formatDotenv } from './env.ts'
import { startEmulator } from './index.ts'

// Minimal CLI by the lead; the Backend API helper owns and completes it (all flags, env twins, --help).
const { values } = parseArgs({
  options: {
    'port': { type: 'string' },
    'host': { type: 'string' },
    'data-dir': { type: 'string' },
    'memory': { type: 'boolean' },
    'seed': { type: 'string' },
    'quiet': { type: 'boolean' },
  },
})

const emulator = await startEmulator({
  port: Number(values.port ?? process.env.CLERK_EMULATOR_PORT ?? 4010),
  host: values.host ?? process.env.CLERK_EMULATOR_HOST,
  dataDir: values['data-dir'] ?? process.env.CLERK_EMULATOR_DATA_DIR,
  memory: values.memory,
  seed: values.seed,
  quiet: values.quiet,
})
process.stdout.write(`${formatDotenv(emulator.env)}\n`)
console.error(`[clerk-emulator] listening on ${emulator.url}`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { void emulator.stop().then(() => process.exit(0)) })
}
