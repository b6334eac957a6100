// The browser part of `npm run bench`: a person's journey through one server in Debian's Chromium,
// on the same emulator as the rest of the run. Each run starts from an empty browser (no cache, no
// cookies): sign up, onboard, then sign in again in a second empty browser. Timed from the click on
// the submit button to the next page painted with its content; each page is also opened as a first
// visit to count what it costs on the wire (bytes as received, compressed; requests), LCP and CLS.
import { performance } from 'node:perf_hooks'
import { launchChromium } from '../../tests/e2e/support/browser.ts'
import { METRICS_SCRIPT, pageMetrics } from '../../tests/support/page-metrics.ts'
import { median, round } from './load.mjs'

export { launchChromium }

const PASSWORD = 'a-long-enough-password-42'
const VIEWPORT = { width: 1100, height: 800 }
/** What each step's next page shows once painted: the element, and that it holds content. */
const PAINTED = {
  '/onboarding': '#applicationName',
  '/dashboard': '[data-testid=application-name]',
}
export const STEPS = ['signUp', 'onboarding', 'signIn']
export const PAGES = ['/sign-up', '/onboarding', '/dashboard', '/sign-in']

let counter = 0

/** Bytes received (encoded, headers included) and requests sent by one page, from Chromium's own accounting. */
async function wireMeter(page, appUrl) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const origin = new URL(appUrl).origin
  const urls = new Map()
  let totals = { bytes: 0, appBytes: 0, requests: 0 }
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.startsWith('data:')) return
    urls.set(event.requestId, event.request.url)
    totals.requests++
  })
  cdp.on('Network.loadingFinished', (event) => {
    totals.bytes += event.encodedDataLength
    const url = urls.get(event.requestId)
    if (url && new URL(url).origin === origin) totals.appBytes += event.encodedDataLength
  })
  return {
    /** What was counted since the last call. */
    take() {
      const taken = totals
      totals = { bytes: 0, appBytes: 0, requests: 0 }
      return taken
    },
  }
}

async function openPage(browser, appUrl, storageState) {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: VIEWPORT, ...(storageState ? { storageState } : {}) })
  await context.addInitScript(METRICS_SCRIPT)
  const page = await context.newPage()
  return { context, page, meter: await wireMeter(page, appUrl) }
}

/** Resolves once `path` is the location and its content is on screen, at the frame that paints it. */
async function painted(page, path) {
  await page.waitForFunction(({ path, selector }) => {
    const element = location.pathname === path && document.querySelector(selector)
    return Boolean(element && (element.value !== undefined || element.textContent.trim()))
  }, { path, selector: PAINTED[path] }, { polling: 'raf', timeout: 60_000 })
}

/** A first visit to `path` (its own empty cache): wire, LCP and CLS once the network is quiet. */
async function firstVisit(browser, appUrl, path, storageState, ready) {
  const { context, page, meter } = await openPage(browser, appUrl, storageState)
  try {
    await page.goto(`${appUrl}${path}`)
    await page.locator(ready).first().waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    if (new URL(page.url()).pathname !== path) throw new Error(`first visit to ${path} ended at ${page.url()}`)
    const { lcpMs, cls } = await pageMetrics(page)
    return { ...meter.take(), lcpMs: round(lcpMs, 0), cls: round(cls, 4) }
  }
  finally {
    await context.close()
  }
}

/** Clicks `button` and times it to `path` painted; the wire and the shifts are those of the step. */
async function step(page, meter, button, path) {
  meter.take()
  const since = await page.evaluate('performance.now()')
  const started = performance.now()
  await page.locator(button).click()
  await painted(page, path)
  const ms = performance.now() - started
  const wire = meter.take()
  await page.waitForLoadState('networkidle')
  const { allShifts } = await pageMetrics(page, since)
  return { ms: round(ms, 0), ...wire, shifts: round(allShifts, 4) }
}

/** One journey through the server at `appUrl`; returns step timings and first-visit page figures. */
export async function journey(browser, appUrl) {
  const email = `journey-${Date.now()}-${counter++}@example.com`
  const steps = {}
  const states = {}
  const { context, page, meter } = await openPage(browser, appUrl)
  try {
    await page.goto(`${appUrl}/sign-up`)
    await page.locator('input[name=emailAddress]').fill(email)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.locator('.cl-formFieldSuccessText__password').waitFor()
    steps.signUp = await step(page, meter, '.cl-formButtonPrimary', '/onboarding')
    states.new = await context.storageState()
    await page.locator('#applicationName').fill('Bench app')
    await page.locator('#applicationType').fill('benchmark')
    steps.onboarding = await step(page, meter, 'form button[type=submit]', '/dashboard')
    states.onboarded = await context.storageState()
  }
  finally {
    await context.close()
  }
  const signIn = await openPage(browser, appUrl)
  try {
    await signIn.page.goto(`${appUrl}/sign-in`)
    await signIn.page.locator('input[name=identifier]').fill(email)
    await signIn.page.locator('.cl-formButtonPrimary').click()
    await signIn.page.waitForURL(url => url.pathname.endsWith('/factor-one'))
    await signIn.page.locator('input[name=password]:visible').fill(PASSWORD)
    steps.signIn = await step(signIn.page, signIn.meter, '.cl-formButtonPrimary', '/dashboard')
  }
  finally {
    await signIn.context.close()
  }
  const pages = {
    '/sign-up': await firstVisit(browser, appUrl, '/sign-up', undefined, 'input[name=emailAddress]'),
    '/onboarding': await firstVisit(browser, appUrl, '/onboarding', states.new, PAINTED['/onboarding']),
    '/dashboard': await firstVisit(browser, appUrl, '/dashboard', states.onboarded, PAINTED['/dashboard']),
    '/sign-in': await firstVisit(browser, appUrl, '/sign-in', undefined, 'input[name=identifier]'),
  }
  return { steps, pages }
}

/** Medians over runs of every figure of `journey()`, per step and per page, with the step times' runs. */
export function summariseJourneys(runs) {
  const pick = (get, digits = 1) => round(median(runs.map(get)), digits)
  const figures = ['ms', 'bytes', 'appBytes', 'requests', 'shifts']
  const pageFigures = ['bytes', 'appBytes', 'requests', 'lcpMs', 'cls']
  return {
    runs: runs.length,
    steps: Object.fromEntries(STEPS.map(s => [s, {
      ...Object.fromEntries(figures.map(f => [f, pick(r => r.steps[s][f], f === 'shifts' ? 4 : 0)])),
      msRuns: runs.map(r => r.steps[s].ms),
    }])),
    pages: Object.fromEntries(PAGES.map(p => [p, {
      ...Object.fromEntries(pageFigures.map(f => [f, pick(r => r.pages[p][f], f === 'cls' ? 4 : 0)])),
      clsMax: Math.max(...runs.map(r => r.pages[p].cls)),
    }])),
  }
}
