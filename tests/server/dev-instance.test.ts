import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fapiClient } from '../../emulator/test/helpers/fapi.ts'
import type { RunningEmulator } from '../../emulator/src/index.ts'
import { resolveClerkEnv } from '../../scripts/lib/clerk-env.mjs'
import { DEFAULT_LOCALE, messages } from '../../shared/messages'

// What `npm run dev` (and `npm run preview`) start without real Clerk keys, as the README's table
// says. Real keys left empty so a developer's .env cannot switch it to Clerk.
const OVERRIDES = { NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '', NUXT_CLERK_SECRET_KEY: '', CLERK_EMULATOR_MEMORY: '1', CLERK_EMULATOR_PORT: '0' }

let emulator: RunningEmulator | null = null
const saved: Record<string, string | undefined> = {}

beforeAll(async () => {
  for (const [name, value] of Object.entries(OVERRIDES)) {
    saved[name] = process.env[name]
    process.env[name] = value
  }
  emulator = (await resolveClerkEnv({ appOrigin: 'http://localhost:3999' })).emulator
})

afterAll(async () => {
  await emulator?.stop()
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name)
    else process.env[name] = value
  }
})

describe('the Clerk instance npm run dev runs', () => {
  it('is the emulator named after the app, verifying emails by code at sign-up, offering Google and GitHub, and otherwise a new instance', async () => {
    expect(emulator).toBeTruthy()
    const { json } = await (await fapiClient(emulator!, 'http://localhost:3999')).call('GET', '/v1/environment')
    const enabled = Object.entries(json.user_settings.social as Record<string, { enabled: boolean, authenticatable: boolean }>)
      .filter(([, social]) => social.enabled && social.authenticatable).map(([strategy]) => strategy)
    expect(enabled.sort()).toEqual(['oauth_github', 'oauth_google'])
    expect(json.display_config.application_name).toBe(messages[DEFAULT_LOCALE].app.name)
    const email = json.user_settings.attributes.email_address
    expect([email.enabled, email.verify_at_sign_up, email.verifications]).toEqual([true, true, ['email_code']])
    // No second factor offered and no organizations, as on a new instance.
    expect(json.user_settings.attributes.authenticator_app?.enabled ?? false).toBe(false)
    expect(json.organization_settings.enabled).toBe(false)
  })
})
