import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../src/cli-args.ts'
import { wiringEnv } from '../src/env.ts'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { CLI, parseDotenv, runCli } from './helpers/child.ts'

// Wiring for each SDK: the variable names it reads (printed by the CLI, served at
// /__emulator/env), and the clerk-js major it loads, each served offline from the emulator's own
// npm dependencies.

let emulator: RunningEmulator

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, memory: true, quiet: true })
})

afterAll(async () => {
  await emulator?.stop()
})

const bundle = (path: string, init?: RequestInit) => fetch(`${emulator.url}${path}`, init)

describe('variables per framework', () => {
  it('names what @clerk/nuxt, @clerk/nextjs 7 and @clerk/nextjs 6 read, with the clerk-js each loads', () => {
    const base = emulator.url
    expect(Object.keys(wiringEnv(emulator.ctx, { framework: 'nuxt' }))).toEqual([
      'NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'NUXT_CLERK_SECRET_KEY', 'NUXT_CLERK_API_URL', 'NUXT_PUBLIC_CLERK_PROXY_URL',
      'NUXT_PUBLIC_CLERK_JS_URL', 'NUXT_PUBLIC_CLERK_UI_URL', 'NUXT_CLERK_JWT_KEY',
    ])
    const next = wiringEnv(emulator.ctx, { framework: 'next' })
    expect(next).toEqual({
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: emulator.keys.publishableKey,
      CLERK_SECRET_KEY: emulator.keys.secretKey,
      CLERK_API_URL: `${base}/bapi`,
      NEXT_PUBLIC_CLERK_PROXY_URL: `${base}/fapi`,
      NEXT_PUBLIC_CLERK_JS_URL: `${base}/npm/@clerk/clerk-js@6.40.0/dist/clerk.browser.js`,
      NEXT_PUBLIC_CLERK_UI_URL: `${base}/npm/@clerk/ui@1.34.0/dist/ui.browser.js`,
      NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1',
      NEXT_PUBLIC_CLERK_KEYLESS_DISABLED: '1',
      CLERK_JWT_KEY: emulator.keys.publicKeyPem.trim(),
    })
    const next6 = wiringEnv(emulator.ctx, { framework: 'next@6' })
    expect(next6.NEXT_PUBLIC_CLERK_JS_URL).toBe(`${base}/npm/@clerk/clerk-js@5.128.0/dist/clerk.browser.js`)
    expect(next6).not.toHaveProperty('NEXT_PUBLIC_CLERK_UI_URL')
  })

  it('adds the sign-in and sign-up URL variables of that SDK, pointing at the portal, with --account-portal', () => {
    expect(wiringEnv(emulator.ctx, { framework: 'nuxt', accountPortal: true })).toMatchObject({
      NUXT_PUBLIC_CLERK_SIGN_IN_URL: `${emulator.url}/portal/sign-in`,
      NUXT_PUBLIC_CLERK_SIGN_UP_URL: `${emulator.url}/portal/sign-up`,
    })
    expect(wiringEnv(emulator.ctx, { framework: 'next', accountPortal: true })).toMatchObject({
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${emulator.url}/portal/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${emulator.url}/portal/sign-up`,
    })
    expect(Object.keys(wiringEnv(emulator.ctx, { framework: 'next' })).filter(k => k.includes('SIGN_'))).toEqual([])
  })

  it('serves the same at /__emulator/env?framework=&account_portal=, and refuses unknown values with a 400', async () => {
    const get = (query: string) => fetch(`${emulator.url}/__emulator/env${query}`)
    expect(await get('').then(r => r.json())).toEqual(wiringEnv(emulator.ctx, { framework: 'nuxt' }))
    expect(await get('?framework=next').then(r => r.json())).toEqual(wiringEnv(emulator.ctx, { framework: 'next' }))
    expect(await get('?framework=next%406&account_portal=on').then(r => r.json())).toEqual(wiringEnv(emulator.ctx, { framework: 'next@6', accountPortal: true }))
    for (const query of ['?framework=vue', '?framework=', '?framework=next&framework=nuxt', '?account_portal=maybe']) {
      const res = await get(query)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
      expect((await res.json()).errors[0].code).toBe('form_param_value_invalid')
    }
  })
})

describe('the CLI', () => {
  it('takes --framework and --account-portal (and their environment twins), and nothing else for the framework', () => {
    expect(parseCli(['--framework', 'next@6', '--account-portal'], {})).toEqual({ help: false, options: { framework: 'next@6', accountPortal: true } })
    expect(parseCli([], { CLERK_EMULATOR_FRAMEWORK: 'next', CLERK_EMULATOR_ACCOUNT_PORTAL: 'on' })).toEqual({ help: false, options: { framework: 'next', accountPortal: true } })
    expect(() => parseCli(['--framework', 'vue'], {})).toThrow(UsageError)
    expect(() => parseCli(['--framework=Next'], {})).toThrow(/must be one of nuxt, next, next@6/)
  })

  it('prints that framework\'s variables as dotenv, the same values /__emulator/env serves', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--memory', '--quiet', '--framework', 'next@6', '--account-portal'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
      // The "listening" line goes to stderr after all of stdout is written.
      const stderr = await new Promise<string>((resolve, reject) => {
        let text = ''
        child.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString()
          if (text.includes('listening on')) resolve(text)
        })
        child.once('exit', code => reject(new Error(`exited with ${code}: ${text}`)))
      })
      const url = /listening on (\S+)/.exec(stderr)![1]!
      const printed = parseDotenv(stdout)
      expect(printed).toEqual(await fetch(`${url}/__emulator/env`).then(r => r.json()))
      expect(printed).toMatchObject({
        NEXT_PUBLIC_CLERK_JS_URL: `${url}/npm/@clerk/clerk-js@5.128.0/dist/clerk.browser.js`,
        NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${url}/portal/sign-in`,
        CLERK_API_URL: `${url}/bapi`,
      })
    }
    finally {
      child.kill('SIGTERM')
    }
  })

  it('exits with a usage error for an unknown framework', async () => {
    const { code, stderr } = await runCli(['--framework', 'remix'])
    expect(code).toBe(2)
    expect(stderr).toContain('--framework must be one of nuxt, next, next@6, got "remix"')
  })
})

describe('clerk-js majors', () => {
  it.each([
    ['/npm/@clerk/clerk-js@5/dist/clerk.browser.js', '5.128.0'],
    ['/npm/@clerk/clerk-js@5.99.0/dist/clerk.browser.js', '5.128.0'],
    ['/npm/@clerk/clerk-js@6/dist/clerk.browser.js', '6.40.0'],
    ['/npm/@clerk/clerk-js@latest/dist/clerk.browser.js', '6.40.0'],
    ['/npm/@clerk/clerk-js/dist/clerk.browser.js', '6.40.0'],
    ['/fapi/npm/@clerk/clerk-js@5/dist/clerk.browser.js', '5.128.0'],
  ])('%s is clerk-js %s', async (path, version) => {
    const res = await bundle(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    expect(await res.text()).toContain(`version:"${version}"`)
  })

  it('serves clerk-js 5\'s lazy chunks from the path its loader derives', async () => {
    const dist = join(dirname(createRequire(import.meta.url).resolve('clerk-js-5')), '..', 'dist')
    const chunk = readdirSync(dist).find(name => /^\d+_clerk\.browser_[0-9a-f]+_5\.128\.0\.js$/.test(name))
    expect(chunk).toBeDefined()
    const res = await bundle(`/npm/@clerk/clerk-js@5.128.0/dist/${chunk}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('immutable')
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(dist, chunk!)))).toBe(true)
  })

  it.each([
    '/npm/@clerk/clerk-js@4/dist/clerk.browser.js',
    '/npm/@clerk/clerk-js@7.0.0/dist/clerk.browser.js',
    '/npm/@clerk/clerk-js@canary/dist/clerk.browser.js',
    '/npm/@clerk/ui@2/dist/ui.browser.js',
    '/npm/@clerk/clerk-js@%E0%A4%A/dist/clerk.browser.js',
  ])('%s is a 404 that names the served versions', async (path) => {
    const res = await bundle(path)
    expect(res.status).toBe(404)
    expect((await res.json()).errors[0].long_message).toContain('this emulator serves @clerk/clerk-js@6.40.0, @clerk/clerk-js@5.128.0, @clerk/ui@1.34.0')
  })

  it('keeps each major inside its own dist/ and answers malformed file names with a 404', async () => {
    for (const path of ['/npm/@clerk/clerk-js@5/dist/%2e%2e/package.json', '/npm/@clerk/clerk-js@5/dist/%E0%A4%A', '/npm/@clerk/clerk-js@5/dist/..%2f..%2fclerk-js%2fpackage.json']) {
      const res = await bundle(path)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
    }
  })
})
