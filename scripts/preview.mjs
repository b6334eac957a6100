// `npm run preview`: builds, then serves the production build (`node .output/server/index.mjs`),
// on the Clerk emulator unless real keys are configured. `--no-build` serves the existing build.
import { banner, resolveClerkEnv } from './lib/clerk-env.mjs'
import { run } from './lib/run.mjs'

const port = Number(process.env.PORT ?? 3000)
const appOrigin = `http://localhost:${port}`
if (!process.argv.includes('--no-build')) {
  const built = await run('nuxt', ['build'], { env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' } })
  if (built !== 0) process.exit(built)
}
const { env, emulator } = await resolveClerkEnv({ appOrigin })
process.stdout.write(banner({ appOrigin, emulator }))
const code = await run(process.execPath, ['.output/server/index.mjs'], {
  env: { ...env, PORT: String(port), HOST: 'localhost', NODE_ENV: 'production' },
})
await emulator?.stop()
process.exit(code)
