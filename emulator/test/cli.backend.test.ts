import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClerkClient, verifyToken } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../src/cli-args.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { runCli, spawnEmulator } from './helpers/child.ts'

describe('parseCli', () => {
  it('reads every flag and its environment twin; flags win', () => {
    const env = {
      CLERK_EMULATOR_PORT: '5000', CLERK_EMULATOR_HOST: '0.0.0.0', CLERK_EMULATOR_DATA_DIR: '/tmp/x', CLERK_EMULATOR_MEMORY: '1',
      CLERK_EMULATOR_SEED: 'seed.json', CLERK_EMULATOR_SESSION_CLAIMS: '{"a":"{{user.id}}"}', CLERK_EMULATOR_TOKEN_TTL: '120',
      CLERK_EMULATOR_ORIGINS: 'http://localhost:3000, http://127.0.0.1:3000', CLERK_EMULATOR_EMAIL_VERIFICATION: 'on',
    }
    const fromEnv = parseCli([], env)
    expect(fromEnv).toEqual({ help: false, options: {
      port: 5000, host: '0.0.0.0', dataDir: '/tmp/x', memory: true, seed: 'seed.json', sessionClaims: { a: '{{user.id}}' },
      tokenTtl: 120, origins: ['http://localhost:3000', 'http://127.0.0.1:3000'], emailVerification: true,
    } })
    const flags = parseCli(['--port', '0', '--origin', 'http://localhost:4000/', '--origin=http://app.test', '--email-verification', 'off', '--no-memory'], env)
    expect(flags.help === false && flags.options).toMatchObject({ port: 0, origins: ['http://localhost:4000', 'http://app.test'], emailVerification: false, memory: false, tokenTtl: 120 })
  })

  it('accepts every boolean spelling', () => {
    for (const [args, expected] of [[['--memory'], true], [['--memory=off'], false], [['--memory', 'on'], true], [['--no-memory'], false], [['--memory=1'], true]] as const) {
      const parsed = parseCli([...args], {})
      expect(parsed.help === false && parsed.options.memory).toBe(expected)
    }
  })

  it.each([
    [['--bogus']], [['--port']], [['--port', 'abc']], [['--port', '70000']], [['--token-ttl', '0']], [['--session-claims', '[1]']],
    [['--session-claims', '{']], [['--origin', 'localhost:3000/path']], [['--email-verification=maybe']], [['stray']], [['--no-port']],
  ])('rejects %j with a usage error', (args) => {
    expect(() => parseCli(args, {})).toThrow(UsageError)
  })

  it('reads --identifiers: email, username and phone, each required or optional (bare: email required, others optional)', () => {
    const parsed = parseCli(['--identifiers', 'email,username:required,phone'], {})
    expect(parsed.help === false && parsed.options.identifiers).toEqual({ email_address: 'required', username: 'required', phone_number: 'optional' })
    const fromEnv = parseCli([], { CLERK_EMULATOR_IDENTIFIERS: 'phone_number:required, email:optional' })
    expect(fromEnv.help === false && fromEnv.options.identifiers).toEqual({ phone_number: 'required', email_address: 'optional' })
    for (const bad of ['', 'fax', 'email,email', 'email:maybe', 'email:required:x']) {
      expect(() => parseCli(['--identifiers', bad], {}), bad).toThrow(UsageError)
    }
  })

  it('reads --mfa off|on|required and its environment twin, and nothing else', () => {
    const parsed = parseCli(['--mfa', 'required'], { CLERK_EMULATOR_MFA: 'on' })
    expect(parsed.help === false && parsed.options.mfa).toBe('required')
    const fromEnv = parseCli([], { CLERK_EMULATOR_MFA: 'on' })
    expect(fromEnv.help === false && fromEnv.options.mfa).toBe('on')
    expect(() => parseCli(['--mfa', 'sms'], {})).toThrow(UsageError)
  })

  it('rejects bad environment values too', () => {
    expect(() => parseCli([], { CLERK_EMULATOR_PORT: 'eighty' })).toThrow(/CLERK_EMULATOR_PORT/)
  })
  describe('--config <file>', () => {
    let dir: string
    beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-config-')) })
    afterAll(() => rm(dir, { recursive: true, force: true }))

    async function configFile(name: string, content: unknown): Promise<string> {
      const file = join(dir, name)
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content))
      return file
    }

    it('reads the flags\' settings under their names, JSON-typed or as the flag spells them; variables and flags win', async () => {
      const file = await configFile('acme.json', {
        'app-name': 'Acme', 'email-verification': false, 'token-ttl': 90, 'origin': ['http://localhost:3000'],
        'session-claims': { plan: '{{user.public_metadata.plan}}' }, 'jwt-template': { convex: { claims: { aud: 'convex' } } }, 'allow-delete': 'on',
      })
      const parsed = parseCli(['--config', file], {})
      expect(parsed.help === false && parsed.options).toEqual({
        configFile: file, appName: 'Acme', emailVerification: false, tokenTtl: 90, origins: ['http://localhost:3000'],
        sessionClaims: { plan: '{{user.public_metadata.plan}}' }, allowDelete: true,
        jwtTemplates: [{ name: 'convex', claims: { aud: 'convex' }, lifetime: 60, allowedClockSkew: 5 }],
      })
      const overridden = parseCli(['--app-name', 'Flag name'], { CLERK_EMULATOR_CONFIG: file, CLERK_EMULATOR_TOKEN_TTL: '30' })
      expect(overridden.help === false && overridden.options).toMatchObject({ appName: 'Flag name', tokenTtl: 30, emailVerification: false })
    })

    it.each([
      ['not JSON', '{', /not valid JSON/],
      ['not an object', '[1]', /JSON object/],
      ['an unknown setting', { 'app-nmae': 'x' }, /unknown setting "app-nmae"/],
      ['a nested --config', { config: 'other.json' }, /unknown setting "config"/],
      ['a value of the wrong type', { 'email-verification': 3 }, /"email-verification" in .* wrong type/],
      ['an invalid value', { 'token-ttl': 0 }, /"token-ttl"/],
    ])('refuses a file with %s, naming it', async (label, content, message) => {
      const file = await configFile(`${label.replace(/\W/g, '-')}.json`, content)
      expect(() => parseCli(['--config', file], {})).toThrow(message)
      expect(() => parseCli(['--config', file], {})).toThrow(UsageError)
    })

    it('refuses a file it cannot read', () => {
      expect(() => parseCli(['--config', join(dir, 'missing.json')], {})).toThrow(/cannot read .*missing\.json \(ENOENT\)/)
    })
  })
})

describe('the clerk-emulator command', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: clerk-emulator')
    for (const flag of ['--config', '--app-name', '--port', '--host', '--data-dir', '--memory', '--seed', '--session-claims', '--token-ttl', '--origin', '--email-verification']) {
      expect(stdout).toContain(flag)
    }
  })

  it('exits 2 with a clear message on a bad flag', async () => {
    const { code, stderr, stdout } = await runCli(['--prot', '4010'])
    expect(code).toBe(2)
    expect(stderr).toContain('unknown option --prot')
    expect(stdout).toBe('')
  })

  describe('running', () => {
    let dir: string
    beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-cli-')) })
    afterAll(() => rm(dir, { recursive: true, force: true }))

    it('prints the wiring variables as dotenv, matching /__emulator/env', async () => {
      const { child, env, exited } = await spawnEmulator(['--port', '0', '--memory', '--quiet'])
      try {
        expect(Object.keys(env)).toEqual([
          'NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'NUXT_CLERK_SECRET_KEY', 'NUXT_CLERK_API_URL', 'NUXT_PUBLIC_CLERK_PROXY_URL',
          'NUXT_PUBLIC_CLERK_JS_URL', 'NUXT_PUBLIC_CLERK_UI_URL', 'NUXT_CLERK_JWT_KEY',
          'CLERK_WEBHOOK_SIGNING_SECRET', 'NUXT_CLERK_WEBHOOK_SIGNING_SECRET',
        ])
        const base = env.NUXT_CLERK_API_URL!.replace(/\/bapi$/, '')
        const served = await (await fetch(`${base}/__emulator/env`, { headers: CONTROL_HEADERS })).json()
        expect(served).toEqual(env)
        expect(env.NUXT_CLERK_JWT_KEY).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/)
      }
      finally {
        child.kill('SIGTERM')
      }
      expect((await exited).code).toBe(0)
    })

    it('seeds users, honours env twins, and flushes on SIGTERM', async () => {
      const seed = join(dir, 'seed.json')
      await writeFile(seed, JSON.stringify({ users: [
        { email: 'seeded@example.com', password: 'seeded-password', firstName: 'Seed', publicMetadata: { onboardingComplete: true } },
      ] }))
      const dataDir = join(dir, 'data')
      const { child, env, exited } = await spawnEmulator(['--port', '0', '--data-dir', dataDir, '--seed', seed], {
        CLERK_EMULATOR_TOKEN_TTL: '120', CLERK_EMULATOR_QUIET: '1', CLERK_EMULATOR_SESSION_CLAIMS: '{"meta":"{{user.public_metadata}}"}',
      })
      const clerk = createClerkClient({ secretKey: env.NUXT_CLERK_SECRET_KEY!, apiUrl: env.NUXT_CLERK_API_URL! })
      let userId: string
      try {
        const [user] = (await clerk.users.getUserList({ emailAddress: ['seeded@example.com'] })).data
        expect(user?.publicMetadata).toEqual({ onboardingComplete: true })
        userId = user!.id
        expect(await clerk.users.verifyPassword({ userId, password: 'seeded-password' })).toEqual({ verified: true })

        const session = await clerk.sessions.createSession({ userId })
        const claims = await verifyToken((await clerk.sessions.getToken(session.id)).jwt, { jwtKey: env.NUXT_CLERK_JWT_KEY })
        expect(claims.exp - claims.iat).toBe(120)
        expect(claims.meta).toEqual({ onboardingComplete: true })

        await clerk.users.updateUserMetadata(userId, { privateMetadata: { flushed: true } })
      }
      finally {
        child.kill('SIGTERM')
      }
      expect((await exited).code).toBe(0)
      const state = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8'))
      expect(state.users[userId].private_metadata).toEqual({ flushed: true })
    })

    it('runs the instance a --config file describes, shows it in the console, and exits 2 on a bad one', async () => {
      const file = join(dir, 'instance.json')
      await writeFile(file, JSON.stringify({ 'app-name': 'Acme from a file', 'email-verification': false, 'memory': true, 'quiet': true }))
      const { child, env, exited } = await spawnEmulator(['--port', '0', '--config', file])
      try {
        const base = env.NUXT_CLERK_API_URL!.replace(/\/bapi$/, '')
        const environment = await (await fetch(`${base}/fapi/v1/environment`)).json()
        expect(environment.display_config.application_name).toBe('Acme from a file')
        expect(environment.user_settings.attributes.email_address.verify_at_sign_up).toBe(false)
        const shown = await (await fetch(`${base}/__emulator/config`, { headers: CONTROL_HEADERS })).json()
        expect(shown.file).toBe(file)
        expect(shown.settings).toContainEqual({ label: 'Application name', value: 'Acme from a file' })
        expect(shown.settings).toContainEqual({ label: 'Identifiers', value: 'email address (required, not verified at sign-up)' })
      }
      finally {
        child.kill('SIGTERM')
        await exited
      }
      await writeFile(file, JSON.stringify({ 'email-verification': 'sometimes' }))
      const bad = await runCli(['--config', file])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain(`"email-verification" in ${file} must be on or off`)
    })

    it('exits 1 with a reason when the port is taken', async () => {
      const { child, env, exited } = await spawnEmulator(['--port', '0', '--memory', '--quiet'])
      try {
        const port = new URL(env.NUXT_CLERK_API_URL!).port
        const { code, stderr } = await runCli(['--port', port, '--memory'])
        expect(code).toBe(1)
        expect(stderr).toContain('already in use')
      }
      finally {
        child.kill('SIGTERM')
        await exited
      }
    })
  })
})
