// Decides whether the app talks to real Clerk or to the embedded emulator, and returns the
// environment for the Nuxt process. Shared by `npm run dev` and `npm run preview`.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { summarizeConfig } from '../../emulator/src/instance-config.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

export const DEMO_ACCOUNT = { email: 'demo@example.com', password: 'demo-password-1234' }

const OFFLINE = {
  CLERK_TELEMETRY_DISABLED: '1',
  NUXT_TELEMETRY_DISABLED: '1',
  NUXT_PUBLIC_CLERK_TELEMETRY_DISABLED: 'true',
  CLERK_KEYLESS_DISABLED: '1',
}

function loadDotenv() {
  const file = `${root}.env`
  if (existsSync(file)) process.loadEnvFile(file)
}

export function hasRealClerkKeys(env = process.env) {
  return Boolean(env.NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY && env.NUXT_CLERK_SECRET_KEY)
}

/**
 * With real keys (in the environment or .env) returns the environment unchanged; otherwise starts
 * the emulator in this process (state in .data/clerk-emulator, demo user seeded) and returns the
 * variables that wire Nuxt to it.
 */
export async function resolveClerkEnv({ appOrigin }) {
  loadDotenv()
  if (hasRealClerkKeys()) {
    return { env: { ...process.env, ...OFFLINE }, emulator: null }
  }
  const { startEmulator } = await import('../../emulator/src/index.ts')
  const { parseCli } = await import('../../emulator/src/cli-args.ts')
  const { DEFAULT_LOCALE, messages } = await import('../../shared/messages.ts')
  // The same CLERK_EMULATOR_* variables as the emulator's own CLI (see emulator/README.md).
  const parsed = parseCli([], process.env)
  const fromEnv = parsed.help ? {} : parsed.options
  const emulator = await startEmulator({
    dataDir: `${root}.data/clerk-emulator`,
    seed: `${root}emulator/seed/demo.json`,
    quiet: true,
    // The sign-in card names the app as a real instance would; CLERK_EMULATOR_APP_NAME or --config may rename it.
    appName: messages[DEFAULT_LOCALE].app.name,
    // A new Clerk instance with the app's social connections: Google and GitHub on the cards.
    social: ['google', 'github'],
    ...fromEnv,
    origins: [appOrigin, ...(fromEnv.origins ?? [])],
  })
  return {
    env: { ...process.env, ...OFFLINE, ...emulator.env, NUXT_CLERK_AUTHORIZED_PARTIES: appOrigin },
    emulator,
  }
}

export function banner({ appOrigin, emulator }) {
  const lines = [``, `  App:       ${appOrigin}`]
  if (emulator) {
    lines.push(
      `  Clerk:     emulator at ${emulator.url} (no real Clerk keys found)`,
      `  Console:   ${emulator.url}/ (users, metadata, tokens, emailed codes, webhooks)`,
      `  Config:    ${summarizeConfig(emulator.ctx.config)}`,
      `  Demo user: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password} (signs in with the password)`,
    )
  }
  else {
    lines.push(`  Clerk:     real instance from NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY`)
  }
  return `${lines.join('\n')}\n`
}
