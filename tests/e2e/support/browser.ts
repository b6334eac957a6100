import { mkdirSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
// The social buttons' icons, the one request to another host a journey may make (aborted like the others).
import { isProviderIcon } from '../../../emulator/test/helpers/browser.ts'

export const SCREENSHOTS = 'test-results/screenshots'

/** Debian's Chromium, with the flags that keep it off the network (no sync, no updates, no QUIC). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true
  const { hostname } = new URL(url)
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]'
}

/**
 * A fresh context whose every page records console errors, failed requests and any request to a
 * host other than localhost; `problems()` lists them and each journey asserts it is empty.
 * Requests to other hosts are also aborted, so nothing leaves the machine.
 */
export interface ContextOptions {
  /** The browser's language (Accept-Language and navigator.language); Korean unless given. */
  locale?: string
  viewport?: { width: number, height: number }
  colorScheme?: 'light' | 'dark'
}

export async function watchedContext(browser: Browser, options: ContextOptions = {}): Promise<{ context: BrowserContext, problems: () => string[], page: () => Promise<Page> }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'ko-KR',
    viewport: options.viewport ?? { width: 1100, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  })
  const found: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (isLocal(url)) return route.continue()
    if (!isProviderIcon(url)) found.push(`request to a non-local host: ${url}`)
    return route.abort()
  })
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !isProviderIcon(message.location().url)) found.push(`console error: ${message.text()}`)
    })
    page.on('pageerror', error => found.push(`page error: ${error.message}`))
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? ''
      // Navigations away from a page cancel its pending requests; that is not a failure.
      if (failure === 'net::ERR_ABORTED' || isProviderIcon(request.url())) return
      found.push(`request failed: ${request.method()} ${request.url()} ${failure}`)
    })
  }
  context.on('page', (page) => {
    watch(page)
    recordTrail(page)
  })
  return {
    context,
    problems: () => [...found],
    page: async () => context.newPage(),
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
}

const trails = new WeakMap<Page, string[]>()

/**
 * What a page did, for the message of a journey that got stuck (waitForPath): its main frame's
 * URLs, console lines, and the answers to every request but static assets, with times.
 */
function recordTrail(page: Page): void {
  const trail: string[] = []
  trails.set(page, trail)
  const start = Date.now()
  const note = (line: string) => trail.push(`+${Date.now() - start} ms ${line}`)
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) note(`at ${frame.url()}`)
  })
  page.on('console', message => note(`console.${message.type()}: ${message.text()}`))
  page.on('response', (response) => {
    if (!['script', 'stylesheet', 'font', 'image'].includes(response.request().resourceType())) note(`${response.request().method()} ${response.url()} ${response.status()}`)
  })
  page.on('requestfailed', request => note(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`))
}

export function trailOf(page: Page): string[] {
  return trails.get(page) ?? []
}

/** Waits until no CSS animation or transition is running: Clerk's popovers and cards ease in. */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every(animation => animation.playState !== 'running'))
}
