import { clerk, clerkSetup, setupClerkTestingToken } from '@clerk/testing/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, useGuardedBrowser, type TestApp } from './helpers/browser.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// The real @clerk/testing (Playwright helpers) against the emulator, configured as its docs say:
// CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY and CLERK_API_URL in the environment, clerkSetup() once,
// then clerk.signIn()/signOut() on a page running clerk-js 6 + @clerk/ui from the emulator. Every
// fetch this process makes is recorded: only loopback ones go through.

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1')
const LOOPBACK = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/

interface Dispatcher { dispatch: (options: { origin?: string | URL, path: string }, handler: DispatchHandler) => boolean }
interface DispatchHandler { onError?: (error: Error) => void, onResponseError?: (controller: unknown, error: Error) => void }

/** Routes Node's fetch through a recorder that lets loopback through and fails everything else. */
function guardNodeFetch(): { offMachine: string[], restore: () => void } {
  const slot = globalThis as unknown as Record<symbol, Dispatcher | undefined>
  const original = slot[GLOBAL_DISPATCHER]
  if (!original) throw new Error('Node\'s fetch dispatcher is not initialised yet')
  const offMachine: string[] = []
  slot[GLOBAL_DISPATCHER] = new Proxy(original, {
    get(target, key, receiver) {
      if (key !== 'dispatch') return Reflect.get(target, key, receiver) as unknown
      return (options: { origin?: string | URL, path: string }, handler: DispatchHandler) => {
        const origin = String(options.origin ?? '')
        if (LOOPBACK.test(origin.replace(/\/$/, ''))) return target.dispatch(options, handler)
        offMachine.push(`${origin.replace(/\/$/, '')}${options.path}`)
        const error = new Error(`blocked by the test: ${origin} is not on this machine`)
        if (handler.onResponseError) handler.onResponseError(null, error)
        else handler.onError?.(error)
        return true
      }
    },
  })
  return { offMachine, restore: () => { slot[GLOBAL_DISPATCHER] = original } }
}

const VARIABLES = ['CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY', 'CLERK_API_URL', 'CLERK_FAPI', 'CLERK_TESTING_TOKEN'] as const

let t: TestEmulator
let app: TestApp
let guard: ReturnType<typeof guardNodeFetch>
const saved = Object.fromEntries(VARIABLES.map(name => [name, process.env[name]]))
const frontendApi: string[] = []

beforeAll(async () => {
  t = await startTestEmulator()
  app = await startTestApp(t.emulator)
  await fetch(`${t.emulator.url}/__emulator/health`)
  guard = guardNodeFetch()
  process.env.CLERK_PUBLISHABLE_KEY = t.emulator.keys.publishableKey
  process.env.CLERK_SECRET_KEY = t.secretKey
  process.env.CLERK_API_URL = t.apiUrl
  delete process.env.CLERK_FAPI
  delete process.env.CLERK_TESTING_TOKEN
})

afterAll(async () => {
  guard?.restore()
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
  await app?.stop()
  await t?.stop()
})

const browser = useGuardedBrowser({ checkEachTest: true })

beforeAll(() => {
  browser.page.on('request', (request) => {
    if (request.url().startsWith(`${t.emulator.url}/fapi/`)) frontendApi.push(request.url())
  })
})

function browserUserId(): Promise<string | null> {
  return browser.page.evaluate(() => (window as unknown as { Clerk: { user: { id: string } | null } }).Clerk.user?.id ?? null)
}

/** The page with <UserButton/> mounted: unlike <SignIn/>, it does not navigate away once signed in. */
async function openApp(): Promise<void> {
  await browser.page.goto(`${app.url}/?view=user`)
  await clerk.loaded({ page: browser.page })
}

/** clerk.signOut() and the page's own redirect to its afterSignOutUrl. */
async function signOut(): Promise<void> {
  await clerk.signOut({ page: browser.page })
  await browser.page.waitForURL(/view=sign-in/)
  await clerk.loaded({ page: browser.page })
  expect(await browserUserId()).toBeNull()
}

describe('@clerk/testing against the emulator', () => {
  it('clerkSetup() gets its testing token from the emulator\'s Backend API (CLERK_API_URL)', async () => {
    await clerkSetup({ dotenv: false })
    expect(process.env.CLERK_TESTING_TOKEN).toMatch(/^\d+-[0-9A-Za-z]{32}$/)
    expect(process.env.CLERK_FAPI).toBe(t.emulator.keys.frontendApiDomain)
    expect(guard.offMachine).toEqual([])
  })

  it('signs in with signInParams { strategy: \'password\' } and out again', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('testing')], password: PASSWORD })
    await openApp()
    await setupClerkTestingToken({ page: browser.page })
    await clerk.signIn({ page: browser.page, signInParams: { strategy: 'password', identifier: user.emailAddresses[0]!.emailAddress, password: PASSWORD } })
    expect(await browserUserId()).toBe(user.id)

    await signOut()
    const statuses = Object.values(t.emulator.store.data.sessions).filter(s => s.user_id === user.id).map(s => s.status)
    expect(statuses).toEqual(['removed'])
  })

  it('signs in with signInParams { strategy: \'ticket\' } and a sign-in token from the emulator', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('ticket')], password: PASSWORD })
    const token = await t.clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 300 })
    await openApp()
    await clerk.signIn({ page: browser.page, signInParams: { strategy: 'ticket', ticket: token.token } })
    expect(await browserUserId()).toBe(user.id)
    expect(t.emulator.store.data.signInTokens[token.id]?.status).toBe('accepted')
    await signOut()
  })

  it('adds no testing token to an http:// Frontend API: setupClerkTestingToken only rewrites https://<CLERK_FAPI>/v1/*', () => {
    expect(frontendApi.length).toBeGreaterThan(0)
    expect(frontendApi.filter(url => url.includes('__clerk_testing_token'))).toEqual([])
  })

  it('fails signIn({ emailAddress }): it builds its Backend API client from the secret key alone and calls Clerk\'s cloud', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('cloud')], password: PASSWORD })
    await openApp()
    await expect(clerk.signIn({ page: browser.page, emailAddress: user.emailAddresses[0]!.emailAddress })).rejects.toThrow(/Failed to sign in with email/)
    // users.getUserList: the list and its count, both to Clerk's cloud, whatever CLERK_API_URL says.
    expect(guard.offMachine.map(url => new URL(url).origin + new URL(url).pathname).sort()).toEqual(['https://api.clerk.com/v1/users', 'https://api.clerk.com/v1/users/count'])
    expect(await browserUserId()).toBeNull()
  })
})
