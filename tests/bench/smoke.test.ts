import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)
const SERVERS = ['bare', 'clerkStock', 'ours']
const CONNECTIONS = ['1', '10', '50', '100']
const PAGES = ['/', '/onboarding', '/dashboard']
const JOURNEY_SERVERS = ['clerkStock', 'ours']
const JOURNEY_STEPS = ['signUp', 'onboarding', 'signIn']
const JOURNEY_PAGES = ['/sign-up', '/onboarding', '/dashboard', '/sign-in']

// The benchmark itself is not part of CI (its figures need a quiet machine); this checks that
// `npm run bench` still runs end to end, that every server answered the signed-in page under every
// load, that one browser journey per server went through every page in Chromium, and that the JSON
// holds every field docs/benchmarks.md reads. It checks no figure.
describe('bench/run.mjs --smoke', () => {
  let dir: string | undefined

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('runs every scenario on the three servers and writes the JSON summary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'))
    const out = join(dir, 'result.json')
    await run(process.execPath, ['bench/run.mjs', '--smoke', '--out', out], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
    const result = JSON.parse(await readFile(out, 'utf8'))
    const { summary, scenarios } = result

    // Each server rendered the signed-in page before it was measured (the harness checks the
    // user's values and, where Clerk runs, the user's id in the HTML) and answered 2xx under load.
    for (const server of SERVERS) {
      expect(scenarios.ssr[server].htmlBytes).toBeGreaterThan(0)
      expect(scenarios.ssr[server].requests).toBeGreaterThan(0)
      expect(scenarios.ssr[server].non2xx + scenarios.ssr[server].errors).toBe(0)
      for (const c of CONNECTIONS) expect(scenarios.scaling[c][server].non2xx + scenarios.scaling[c][server].errors).toBe(0)
      expect(scenarios.memory[server].non2xx).toBe(0)
      expect(scenarios.memory[server].samples.length).toBeGreaterThan(1)
      expect(summary.rps[server]).toBeGreaterThan(0)
      expect(summary.p99Ms[server]).toBeGreaterThan(0)
      expect(summary.coldStartMs[server]).toBeGreaterThan(0)
      expect(summary.rssMb[server].end).toBeGreaterThan(0)
    }
    for (const key of ['vsClerkStock', 'vsBare', 'clerkStockVsBare', 'p99VsClerkStock', 'coldStartVsClerkStock']) expect(summary[key]).toBeGreaterThan(0)
    for (const c of CONNECTIONS) expect(summary.scaling[c].vsClerkStock).toBeGreaterThan(0)
    // The spread of the per-round ratios around their median.
    for (const key of ['vsClerkStock', 'p99VsClerkStock']) {
      const [low, high] = summary[`${key}Range`]
      expect(low).toBeLessThanOrEqual(summary[key])
      expect(high).toBeGreaterThanOrEqual(summary[key])
    }
    for (const page of PAGES) expect(summary.firstLoadJsKb[page]).toBeGreaterThan(0)
    for (const bundle of ['clerk-js', 'clerk-ui']) expect(summary.clerkBundlesKb[bundle]).toBeGreaterThan(0)
    // The browser journey reached every page on both servers (a step that never painted throws).
    for (const server of JOURNEY_SERVERS) {
      for (const step of JOURNEY_STEPS) expect(summary.journeyMs[server][step]).toBeGreaterThan(0)
      for (const page of JOURNEY_PAGES) {
        expect(summary.pageKb[server][page]).toBeGreaterThan(0)
        expect(summary.pageTotalKb[server][page]).toBeGreaterThanOrEqual(summary.pageKb[server][page])
        expect(summary.pageRequests[server][page]).toBeGreaterThan(0)
        expect(summary.lcpMs[server][page]).toBeGreaterThan(0)
        expect(summary.cls[server][page]).toBeGreaterThanOrEqual(0)
      }
    }
    for (const step of JOURNEY_STEPS) expect(summary.journeyVsClerkStock[step]).toBeGreaterThan(0)
    for (const when of ['before', 'after']) expect(summary.loadavg[when]).toHaveLength(3)
    for (const budget of ['vsClerkStock', 'p99VsClerkStock', 'coldStartVsClerkStock', 'firstLoadJsKb', 'cls']) expect(typeof result.budgets[budget].ok).toBe('boolean')
  })
})
