// `npm run dev`: the Nuxt dev server, on the Clerk emulator unless real keys are configured.
import { banner, resolveClerkEnv } from './lib/clerk-env.mjs'
import { run } from './lib/run.mjs'

const port = Number(process.env.PORT ?? 3000)
const appOrigin = `http://localhost:${port}`
const { env, emulator } = await resolveClerkEnv({ appOrigin })
process.stdout.write(banner({ appOrigin, emulator }))
const code = await run('nuxt', ['dev', '--port', String(port), '--host', 'localhost'], { env })
await emulator?.stop()
process.exit(code)
