import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClerkClient } from '@clerk/backend'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/index.ts'
import { outboxCode } from './fapi.ts'

// A throw-away "app" for browser tests of the Frontend API: one static page on its own localhost
// port that loads clerk-js and @clerk/ui from the emulator the way @clerk/shared does (script tags
// carrying data-clerk-publishable-key / data-clerk-proxy-url), then mounts the prebuilt component
// named by `?view=` (<SignUp/> with the `?unsafe_metadata=` JSON). Debian's Chromium; nothing may leave the machine.

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** What the app's server decided for a page request, as clerkMiddleware would (null: not checked). */
export interface ServerAuth {
  status: string
  userId: string | null
}

function page(emulator: RunningEmulator, serverAuth: ServerAuth | null): string {
  const env = emulator.env
  const attrs = `data-clerk-publishable-key="${env.NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY}" data-clerk-proxy-url="${env.NUXT_PUBLIC_CLERK_PROXY_URL}" crossorigin="anonymous"`
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>FAPI test app</title></head>
<body>
<main id="mount"></main>
<script>window.__serverAuth = ${JSON.stringify(serverAuth)}</script>
<script src="${env.NUXT_PUBLIC_CLERK_JS_URL}" ${attrs}></script>
<script src="${env.NUXT_PUBLIC_CLERK_UI_URL}" ${attrs}></script>
<script>
  const params = new URLSearchParams(location.search)
  const view = params.get('view') || 'sign-in'
  // <SignUp unsafeMetadata={…}>, as an app passes it.
  const unsafeMetadata = params.get('unsafe_metadata') ? JSON.parse(params.get('unsafe_metadata')) : undefined
  window.__appReady = (async () => {
    await window.Clerk.load({
      ui: { ClerkUI: window.__internal_ClerkUICtor },
      signInUrl: '/?view=sign-in',
      signUpUrl: '/?view=sign-up',
      signInFallbackRedirectUrl: '/?view=user',
      signUpFallbackRedirectUrl: '/?view=user',
      afterSignOutUrl: '/?view=sign-in',
    })
    const el = document.getElementById('mount')
    if (view === 'sign-up') window.Clerk.mountSignUp(el, { routing: 'hash', unsafeMetadata })
    else if (view === 'user') window.Clerk.mountUserButton(el)
    else if (view === 'profile') window.Clerk.mountUserProfile(el, { routing: 'hash' })
    else if (view === 'org-switcher') window.Clerk.mountOrganizationSwitcher(el)
    else if (view === 'org-profile') window.Clerk.mountOrganizationProfile(el, { routing: 'hash' })
    else window.Clerk.mountSignIn(el, { routing: 'hash' })
    return view
  })()
</script>
</body></html>`
}

export interface TestApp {
  url: string
  stop: () => Promise<void>
}

export interface TestAppOptions {
  /**
   * Authenticate every page request on the server with @clerk/backend's authenticateRequest, as
   * @clerk/nuxt's clerkMiddleware does: handshake redirects, cookies from a resolved handshake,
   * and the outcome exposed to the page as `window.__serverAuth`.
   */
  serverAuth?: boolean
}

type Outcome = { redirect: Headers } | { auth: ServerAuth, headers: Headers }

async function authenticate(emulator: RunningEmulator, url: string, headers: Record<string, string | string[] | undefined>): Promise<Outcome> {
  const backend = createClerkClient({
    secretKey: emulator.keys.secretKey,
    publishableKey: emulator.keys.publishableKey,
    apiUrl: emulator.env.NUXT_CLERK_API_URL,
    jwtKey: emulator.keys.publicKeyPem,
    telemetry: { disabled: true },
  })
  const request = new Request(url, { headers: Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]) as [string, string][]) })
  const state = await backend.authenticateRequest(request, { proxyUrl: emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL })
  // A handshake, or a resolved one that sets cookies and strips its query parameters.
  if (state.headers.get('location')) return { redirect: state.headers }
  return { auth: { status: state.status, userId: state.toAuth()?.userId ?? null }, headers: state.headers }
}

export async function startTestApp(emulator: RunningEmulator, options: TestAppOptions = {}): Promise<TestApp> {
  const state: { port: number } = { port: 0 }
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/') {
      res.writeHead(404).end()
      return
    }
    const send = (auth: ServerAuth | null, headers = new Headers()) => {
      res.setHeader('set-cookie', headers.getSetCookie())
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(page(emulator, auth))
    }
    if (!options.serverAuth) return send(null)
    authenticate(emulator, `http://localhost:${state.port}${req.url}`, req.headers).then((outcome) => {
      if ('auth' in outcome) return send(outcome.auth, outcome.headers)
      res.setHeader('set-cookie', outcome.redirect.getSetCookie())
      res.writeHead(307, { 'location': outcome.redirect.get('location')!, 'cache-control': 'no-store' })
      res.end()
    }).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  state.port = (server.address() as AddressInfo).port
  return {
    // `localhost`, not the emulator's 127.0.0.1: the app and the Frontend API are different origins.
    url: `http://localhost:${state.port}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

export interface GuardedBrowser {
  browser: Browser
  context: BrowserContext
  page: Page
  /** Console errors, page errors and off-machine requests seen so far. */
  problems: string[]
  /**
   * Declares one console error the next step must produce (Chromium logs every 4xx response, so a
   * deliberate wrong password logs one); it is consumed instead of counted as a problem.
   */
  expectConsoleError: (pattern: RegExp) => void
  /** Expected console errors that never happened. */
  unmetExpectations: () => RegExp[]
  close: () => Promise<void>
}

/**
 * The social buttons' icons: @clerk/ui draws known providers from https://img.clerk.com/static/, a
 * URL built into the bundle, so offline they fail to load (the buttons still carry their names).
 */
export const isProviderIcon = (url: string): boolean => /^https:\/\/img\.clerk\.com\/static\/[a-z_]+\.svg$/.test(url)

/** Chromium with a page that records every console error and aborts any request leaving localhost. */
export async function launchGuardedBrowser(): Promise<GuardedBrowser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const context = await browser.newContext()
  const problems: string[] = []
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue()
    if (!isProviderIcon(url.href)) problems.push(`request to a non-local host: ${url.href}`)
    return route.abort()
  })
  const page = await context.newPage()
  const expected: RegExp[] = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || isProviderIcon(msg.location().url)) return
    const index = expected.findIndex(pattern => pattern.test(msg.text()))
    if (index >= 0) expected.splice(index, 1)
    else problems.push(`console error: ${msg.text()}`)
  })
  page.on('pageerror', error => problems.push(`page error: ${error.message}`))
  return {
    browser,
    context,
    page,
    problems,
    expectConsoleError: pattern => expected.push(pattern),
    unmetExpectations: () => [...expected],
    close: async () => {
      await context.close()
      await browser.close()
    },
  }
}

/** What the hooks below set up, readable once the file's (or describe block's) beforeAll has run. */
export interface BrowserHooks {
  readonly guarded: GuardedBrowser
  readonly page: Page
}

/**
 * A guarded browser for the tests of the file or describe block it is called in: launched after
 * the beforeAll hooks registered before it (so what it visits is up) and closed before their
 * afterAll hooks run. With `checkEachTest`, every test must end without a console error or a
 * request off the machine, and with every expected console error seen.
 */
export function useGuardedBrowser({ checkEachTest }: { checkEachTest: boolean }): BrowserHooks {
  let guarded: GuardedBrowser | undefined
  beforeAll(async () => {
    guarded = await launchGuardedBrowser()
  })
  afterAll(async () => {
    await guarded?.close()
  })
  if (checkEachTest) {
    afterEach(() => {
      expect(guarded!.problems).toEqual([])
      expect(guarded!.unmetExpectations()).toEqual([])
    })
  }
  return {
    get guarded() { return guarded! },
    get page() { return guarded!.page },
  }
}

/** An in-memory emulator and the test app on it, started before the tests and stopped after them. */
export function useTestApp(options: Partial<EmulatorOptions> = {}, appOptions: TestAppOptions = {}): { readonly emulator: RunningEmulator, readonly app: TestApp } {
  let emulator: RunningEmulator | undefined
  let app: TestApp | undefined
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, memory: true, quiet: true, ...options })
    app = await startTestApp(emulator, appOptions)
  })
  afterAll(async () => {
    await app?.stop()
    await emulator?.stop()
  })
  return {
    get emulator() { return emulator! },
    get app() { return app! },
  }
}

/** <SignUp/>'s code step: waits for it, reads the code the emulator sent to `to` and types it (the field submits itself). */
export async function enterSentCode(page: Page, emulator: RunningEmulator, to: string): Promise<void> {
  await page.locator('input[autocomplete=one-time-code]').first().waitFor()
  await page.keyboard.type(await outboxCode(emulator, to))
}
