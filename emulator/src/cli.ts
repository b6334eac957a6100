import { helpText, parseCli, UsageError, type ParsedCli } from './cli-args.ts'
import { formatDotenv, wiringEnv } from './env.ts'
import { startEmulator, type RunningEmulator } from './index.ts'
import { bapiUrl, fapiUrl } from './urls.ts'
import { webhookEnv } from './webhooks/env.ts'

// `npm run emulator -- --port 4010`: starts the emulator and prints its wiring variables as dotenv.

let parsed: ParsedCli
try {
  parsed = parseCli(process.argv.slice(2), process.env)
}
catch (error) {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`clerk-emulator: ${error.message}\nRun with --help for usage.\n`)
  process.exit(2)
}

if (parsed.help) {
  process.stdout.write(`${helpText()}\n`)
  process.exit(0)
}

let emulator: RunningEmulator
try {
  emulator = await startEmulator(parsed.options)
}
catch (error) {
  const err = error as NodeJS.ErrnoException
  const reason = err.code === 'EADDRINUSE'
    ? `port ${parsed.options.port ?? 4010} is already in use (try --port 0 for a free one)`
    : err.code === 'ENOENT' && err.path ? `cannot read ${err.path}` : err.message
  process.stderr.write(`clerk-emulator: could not start: ${reason}\n`)
  process.exit(1)
}

process.stdout.write(`${formatDotenv({ ...wiringEnv(emulator.ctx), ...webhookEnv(emulator.ctx) })}\n`)
const where = emulator.ctx.options.memory ? 'in memory' : `data in ${emulator.store.file}`
process.stderr.write(`[clerk-emulator] listening on ${emulator.url} (${where}); Backend API ${bapiUrl(emulator.ctx)}, Frontend API ${fapiUrl(emulator.ctx)}\n`)
process.stderr.write(`[clerk-emulator] console at ${emulator.url}/; control calls to /__emulator/* need the header X-Clerk-Emulator: 1\n`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal while the store flushes means "now".
    if (stopping) process.exit(130)
    stopping = true
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`clerk-emulator: failed to flush state on ${signal}: ${String(error)}\n`)
        process.exit(1)
      },
    )
  })
}
