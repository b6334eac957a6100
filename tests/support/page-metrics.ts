// Layout shift and Largest Contentful Paint as Chromium reports them to the page
// (PerformanceObserver), for the layout-shift journey and `npm run bench`'s browser part.
import type { Page } from 'playwright-core'

/** Run in every document before its own scripts (`context.addInitScript`): records the entries. */
export const METRICS_SCRIPT = `(() => {
  const m = window.__pageMetrics = { shifts: [], lcp: null }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.shifts.push({ value: e.value, time: e.startTime, input: e.hadRecentInput })
  }).observe({ type: 'layout-shift', buffered: true })
  new PerformanceObserver((list) => {
    const last = list.getEntries().at(-1)
    if (last) m.lcp = last.startTime
  }).observe({ type: 'largest-contentful-paint', buffered: true })
})()`

export interface Shift { value: number, time: number, input: boolean }

export interface PageMetrics {
  /** Cumulative Layout Shift: the largest session window (gaps under 1 s, at most 5 s) of shifts not caused by input. */
  cls: number
  /** Every shift added up, those within 500 ms of input included: what a person sees move while typing. */
  allShifts: number
  /** Largest Contentful Paint, ms from navigation start; null once the page was reached in-app. */
  lcpMs: number | null
}

/** CLS as Chromium's web-vitals define it, from a document's layout-shift entries. */
export function cumulativeLayoutShift(shifts: Shift[]): number {
  let worst = 0
  let session = 0
  let first = -Infinity
  let previous = -Infinity
  for (const shift of shifts.filter(s => !s.input)) {
    if (shift.time - previous < 1000 && shift.time - first < 5000) session += shift.value
    else {
      session = shift.value
      first = shift.time
    }
    previous = shift.time
    worst = Math.max(worst, session)
  }
  return worst
}

/** The shifts recorded so far in the page's current document, after `since` (ms on its clock). */
export async function shiftsOf(page: Page, since = 0): Promise<Shift[]> {
  const shifts = await page.evaluate('window.__pageMetrics?.shifts ?? []') as Shift[]
  return shifts.filter(s => s.time >= since)
}

export async function pageMetrics(page: Page, since = 0): Promise<PageMetrics> {
  const shifts = await shiftsOf(page, since)
  const lcp = await page.evaluate('window.__pageMetrics?.lcp ?? null') as number | null
  return { cls: cumulativeLayoutShift(shifts), allShifts: shifts.reduce((sum, s) => sum + s.value, 0), lcpMs: lcp }
}
