import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { referencedAssets } from '../support/page-assets'
import { ONBOARDED, useJourney } from './support/fixture'

// The JavaScript budget as a person meets it (docs/security.md, "Compression"): everything of ours
// Chromium downloads on a first visit (empty cache) until the page is ready and the network is
// quiet, modulepreloads, prefetches and chunks imported at startup included, counted as received.

/** The budget for the JavaScript a first visit downloads from us, as sent: 100 kB. */
const FIRST_VISIT_JS_BYTES = 100_000
/** Clerk's Korean strings, either part: `locale: "ko-KR"` as the minifier writes it. */
const KOREAN_CLERK_STRINGS = /\blocale:["'`]ko-KR["'`]/

const journey = useJourney()
/** Cookies and storage of a signed-in browser, per page that needs one. */
const signedIn: Record<string, Awaited<ReturnType<BrowserContext['storageState']>>> = {}

beforeAll(async () => {
  for (const [path, metadata] of [['/onboarding', {}], ['/dashboard', ONBOARDED]] as const) {
    const { context, finish } = await journey.signedIn(`bytes${path.slice(1)}`, metadata, path)
    signedIn[path] = await context.storageState()
    await finish()
  }
})

/** What the page shows once it is ready: the content, or Clerk's component. */
const READY: Record<string, string> = {
  '/': 'h1',
  '/sign-in': 'input[name=identifier]',
  '/onboarding': '#applicationName',
  '/dashboard': '[data-testid=application-name]',
}

interface Script { path: string, bytes: number, body: string }

/** Every script from the app's origin that `page` receives while `visit` runs, with its size as sent. */
async function scriptsDuring(page: Page, origin: string, visit: () => Promise<void>): Promise<Script[]> {
  const pending: Promise<Script>[] = []
  page.on('requestfinished', (request) => {
    const url = new URL(request.url())
    if (url.origin !== origin || !url.pathname.endsWith('.js')) return
    pending.push((async () => {
      const response = await request.response()
      return { path: url.pathname, bytes: (await request.sizes()).responseBodySize, body: (await response?.text()) ?? '' }
    })())
  })
  await visit()
  return Promise.all(pending)
}

describe('first visit: the JavaScript Chromium downloads from us', () => {
  const visits = Object.keys(READY).flatMap(path => ['ko-KR', 'en-US'].map(locale => ({ path, locale })))
  it.each(visits)('$path in $locale: under 100 kB as sent, Clerk\'s Korean strings only on a Korean page', async ({ path, locale }) => {
    const { appUrl } = journey.stack
    const context = await journey.browser.newContext({ locale, storageState: signedIn[path] })
    try {
      const page = await context.newPage()
      let html = ''
      const scripts = await scriptsDuring(page, new URL(appUrl).origin, async () => {
        html = (await (await page.goto(`${appUrl}${path}`))!.text())
        await page.locator(READY[path]!).waitFor()
        await page.waitForLoadState('networkidle')
      })
      expect(new URL(page.url()).pathname).toBe(path)
      const total = scripts.reduce((sum, s) => sum + s.bytes, 0)
      const list = scripts.map(s => `${s.path} ${s.bytes}`).join('\n')
      expect(scripts.length, list).toBeGreaterThan(3)
      expect(scripts.every(s => s.bytes > 0), list).toBe(true)
      expect(total, list).toBeLessThan(FIRST_VISIT_JS_BYTES)
      expect(scripts.some(s => KOREAN_CLERK_STRINGS.test(s.body)), list).toBe(locale === 'ko-KR')
      // Each one announced in the page's HTML, fetched up front: nothing prefetched for a link in
      // view, nothing a script asks for once it runs (the form's schema waits for the person).
      const announced = referencedAssets(html, page.url()).scripts.map(url => new URL(url).pathname)
      expect(scripts.map(s => s.path).filter(p => !announced.includes(p))).toEqual([])
    }
    finally {
      await context.close()
    }
  })
})
