#!/usr/bin/env node
// `npm run bench`: our signed-in /dashboard against two references with the same markup, side by
// side in one alternating run, on one in-memory Clerk emulator: (a) a bare Nuxt page, no auth
// (bench/apps/bare); (b) the page on @clerk/nuxt's stock wiring (bench/apps/clerk-stock); (c) ours.
// Prints a table and writes bench/results/<date>.json; docs/benchmarks.md explains the method.
//
//   node bench/run.mjs                  full run (about 10 minutes on 2 cores)
//   node bench/run.mjs --smoke          1 s per load, for CI: checks the harness, not the figures
//   options: --out <file>  --only ssr,scaling,bundles,memory,cold,journey  --label <text>
//            --duration <s> --rounds <n> --connections <n> --requests <n> (memory scenario)
//            --output <dir>   our build to measure instead of (re)building .output
//            --before <dir>   an older build of ours, added to the SSR alternation as `before`
//            --journeys <n>   browser journeys per server (bench/lib/journey.mjs)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem, release } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { REFERENCES, ensureBuild, snapshotBuild } from './lib/build.mjs'
import { clerkBundles, firstLoad } from './lib/bundles.mjs'
import { PAGES, STEPS, journey, launchChromium, summariseJourneys } from './lib/journey.mjs'
import { load, median, round } from './lib/load.mjs'
import { PAGE, cpuMs, rssMb, signedInUser, startBenchEmulator, startServer } from './lib/stack.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const ALL = ['ssr', 'scaling', 'bundles', 'memory', 'cold', 'journey']
/** Budgets: ours against Clerk's stock page, our own JavaScript, and layout shift on our pages. */
const BUDGETS = { vsClerkStock: 0.9, coldStartVsClerkStock: 1.1, p99VsClerkStock: 1.15, firstLoadJsKb: 100, cls: 0.1 }
const SCALING_CONNECTIONS = [1, 10, 50, 100]

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '10' },
    label: { type: 'string' },
    output: { type: 'string' },
    before: { type: 'string' },
    requests: { type: 'string' },
    journeys: { type: 'string' },
  },
})

const smoke = args.smoke
const only = new Set(args.only ? args.only.split(',') : ALL)
// Many short rounds rather than a few long ones: this VM's speed drifts over tens of seconds (the
// same server's CPU per request moved 1.5x between 8 s rounds), so each per-round ratio compares
// servers measured seconds apart.
const duration = Number(args.duration ?? (smoke ? 1 : 4))
const rounds = Number(args.rounds ?? (smoke ? 1 : 10))
const connections = Number(args.connections)
const warmup = smoke ? 0.5 : 3
// The smoke sends a fixed number of requests per load instead: at 100 connections a cold server on
// a busy machine may answer nothing within 1 s.
const scaling = smoke ? { rounds: 1, amountPerConnection: 2 } : { duration: 3, rounds: 4 }
const memoryRequests = Number(args.requests ?? (smoke ? 200 : 20_000))
const memoryCheckpoints = 4
const coldSamples = smoke ? 1 : 5
const journeys = Number(args.journeys ?? (smoke ? 1 : 5))

/** The servers, in the order tables list them; `authenticates`: the page comes from the session. */
const SERVERS = {
  bare: { name: 'a bare Nuxt page, no auth', app: 'bare', authenticates: false },
  clerkStock: { name: '@clerk/nuxt stock wiring', app: 'clerk-stock', authenticates: true },
  ours: { name: 'our /dashboard', app: 'ours', authenticates: true },
}

const log = message => process.stderr.write(`[bench] ${message}\n`)
const ratio = (a, b) => (a && b ? round(a / b, 3) : null)

function machine() {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model, cores: cpu.length, memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version, kernel: release(), loadavgAtStart: loadavg().map(v => round(v, 2)),
  }
}

/**
 * Loads `servers` (label → running server) one after another for `rounds`, rotating the order
 * every round, so that a burst of load elsewhere on the machine does not land on one server only.
 */
async function alternate(servers, { connections, duration, amountPerConnection, rounds, warmup }) {
  const labels = Object.keys(servers)
  const runs = Object.fromEntries(labels.map(l => [l, []]))
  const spec = label => ({ url: `${servers[label].url}${PAGE}`, headers: servers[label].user.pageHeaders, connections })
  if (warmup) for (const label of labels) await load({ ...spec(label), duration: warmup })
  for (let r = 0; r < rounds; r++) {
    const order = labels.map((_, i) => labels[(i + r) % labels.length])
    for (const label of order) {
      const pid = servers[label].child.pid
      const cpuBefore = cpuMs(pid)
      const result = await load({ ...spec(label), ...(amountPerConnection ? { amount: amountPerConnection * connections } : { duration }) })
      // Server CPU per request: unlike req/s, barely moved by other work on the machine.
      result.cpuMsPerRequest = (cpuMs(pid) - cpuBefore) / result.requests
      runs[label].push(result)
      log(`  ${label} @${connections}: ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${round(result.cpuMsPerRequest, 2)} ms CPU/request${result.non2xx ? `, ${result.non2xx} non-2xx` : ''}`)
    }
  }
  const summary = {}
  for (const label of labels) {
    const list = runs[label]
    summary[label] = {
      rps: round(median(list.map(r => r.rps))),
      rpsRuns: list.map(r => round(r.rps)),
      p50: median(list.map(r => r.p50)),
      p99: median(list.map(r => r.p99)),
      p99Runs: list.map(r => r.p99),
      cpuMsPerRequest: round(median(list.map(r => r.cpuMsPerRequest)), 3),
      cpuRuns: list.map(r => round(r.cpuMsPerRequest, 3)),
      requests: list.reduce((n, r) => n + r.requests, 0),
      non2xx: list.reduce((n, r) => n + r.non2xx, 0),
      errors: list.reduce((n, r) => n + r.errors + r.timeouts, 0),
    }
  }
  return summary
}

/** The per-round ratios of `a` to `b` of one figure (each round loads both back to back). */
function perRound(summary, a, b, runs = 'rpsRuns') {
  return summary[a][runs].map((v, i) => v / summary[b][runs][i])
}

/** Median of the per-round throughput ratios of `a` to `b`. */
function roundRatio(summary, a, b, runs = 'rpsRuns') {
  return round(median(perRound(summary, a, b, runs)), 3)
}

/** The lowest and highest per-round ratio: how far one round can be from the median. */
function roundRange(summary, a, b, runs = 'rpsRuns') {
  const list = perRound(summary, a, b, runs)
  return [round(Math.min(...list), 3), round(Math.max(...list), 3)]
}

async function main() {
  const started = Date.now()
  const loadBefore = loadavg().map(v => round(v, 2))
  // The reference apps build in about 25 s each; ours takes minutes: only what is stale is rebuilt.
  const builds = {}
  for (const app of REFERENCES) builds[app] = ensureBuild(root, app, log)
  builds.ours = args.output ? { name: 'ours', built: false, output: resolve(args.output) } : ensureBuild(root, 'ours', log)
  const dirs = {}
  for (const [key, server] of Object.entries(SERVERS)) dirs[key] = snapshotBuild(builds[server.app].output)
  if (args.before) dirs.before = snapshotBuild(resolve(args.before))
  const logDir = mkdtempSync(join(tmpdir(), 'bench-logs-'))
  const emulator = await startBenchEmulator()
  const running = []
  const start = async (label, extra = {}) => {
    const server = await startServer({ label, buildDir: dirs[label], emulator, logDir, authenticates: SERVERS[label]?.authenticates ?? true, ...extra })
    running.push(server)
    return server
  }
  const stop = async (server) => {
    running.splice(running.indexOf(server), 1)
    await server.stop()
  }
  const result = {
    date: new Date().toISOString(),
    label: args.label ?? null,
    smoke,
    machine: machine(),
    method: {
      tool: 'autocannon 9 (separate process)', page: PAGE, connections, durationSeconds: duration, rounds,
      warmupSeconds: warmup, order: 'rotated every round', scaling: { connections: SCALING_CONNECTIONS, ...scaling },
      memoryRequests, coldSamples, journeys,
    },
    servers: Object.fromEntries(Object.entries(SERVERS).map(([k, v]) => [k, { name: v.name, app: v.app === 'ours' ? '.' : `bench/apps/${v.app}` }])),
    builds: Object.fromEntries(Object.entries(builds).map(([k, v]) => [k, { built: v.built, seconds: v.seconds, reason: v.reason }])),
    scenarios: {},
    summary: {},
  }
  if (args.before) result.servers.before = { name: 'our /dashboard, older build', app: args.before }
  const s = result.scenarios
  const sm = result.summary
  try {
    log(`emulator on ${emulator.url}`)
    if (['ssr', 'scaling', 'bundles'].some(x => only.has(x))) {
      const servers = {}
      for (const label of [...Object.keys(SERVERS), ...(args.before ? ['before'] : [])]) servers[label] = await start(label)

      if (only.has('ssr')) {
        log(`1. SSR ${PAGE}, signed in and onboarded, ${connections} connections, ${rounds} rounds of ${duration} s`)
        const summary = await alternate(servers, { connections, duration, rounds, warmup })
        for (const label of Object.keys(servers)) {
          summary[label].htmlBytes = servers[label].htmlBytes
          summary[label].rssAfterMb = round(rssMb(servers[label].child.pid))
        }
        s.ssr = {
          ...summary,
          // Per-round ratios cancel drift in the machine's load; the ratio of the medians is beside them.
          ratios: {
            vsClerkStock: roundRatio(summary, 'ours', 'clerkStock'),
            vsBare: roundRatio(summary, 'ours', 'bare'),
            clerkStockVsBare: roundRatio(summary, 'clerkStock', 'bare'),
            ...(args.before ? { beforeVsClerkStock: roundRatio(summary, 'before', 'clerkStock') } : {}),
            vsClerkStockOfMedians: ratio(summary.ours.rps, summary.clerkStock.rps),
            vsClerkStockRange: roundRange(summary, 'ours', 'clerkStock'),
            // p99 the same way (ours over theirs: below 1 means ours is faster), and its ratio of medians.
            p99VsClerkStock: roundRatio(summary, 'ours', 'clerkStock', 'p99Runs'),
            p99VsClerkStockRange: roundRange(summary, 'ours', 'clerkStock', 'p99Runs'),
            p99VsClerkStockOfMedians: ratio(summary.ours.p99, summary.clerkStock.p99),
            cpuVsClerkStockRounds: round(1 / median(perRound(summary, 'ours', 'clerkStock', 'cpuRuns')), 3),
            // The same from server CPU time per request (theirs over ours: above 1 means ours is cheaper).
            cpuVsClerkStock: ratio(summary.clerkStock.cpuMsPerRequest, summary.ours.cpuMsPerRequest),
            cpuVsBare: ratio(summary.bare.cpuMsPerRequest, summary.ours.cpuMsPerRequest),
          },
        }
        Object.assign(sm, {
          vsClerkStock: s.ssr.ratios.vsClerkStock,
          vsBare: s.ssr.ratios.vsBare,
          clerkStockVsBare: s.ssr.ratios.clerkStockVsBare,
          cpuVsClerkStock: s.ssr.ratios.cpuVsClerkStock,
          rps: Object.fromEntries(Object.keys(servers).map(l => [l, summary[l].rps])),
          p99Ms: Object.fromEntries(Object.keys(servers).map(l => [l, summary[l].p99])),
          cpuMsPerRequest: Object.fromEntries(Object.keys(servers).map(l => [l, summary[l].cpuMsPerRequest])),
          p99VsClerkStock: s.ssr.ratios.p99VsClerkStock,
          vsClerkStockRange: s.ssr.ratios.vsClerkStockRange,
          p99VsClerkStockRange: s.ssr.ratios.p99VsClerkStockRange,
        })
      }

      if (only.has('scaling')) {
        log(`2. The same page at ${SCALING_CONNECTIONS.join(', ')} connections`)
        s.scaling = {}
        const trio = { bare: servers.bare, clerkStock: servers.clerkStock, ours: servers.ours }
        for (const c of SCALING_CONNECTIONS) {
          const summary = await alternate(trio, { connections: c, ...scaling, warmup: smoke ? 0 : 1 })
          s.scaling[c] = { ...summary, vsClerkStock: roundRatio(summary, 'ours', 'clerkStock'), vsBare: roundRatio(summary, 'ours', 'bare') }
        }
        sm.scaling = Object.fromEntries(Object.entries(s.scaling).map(([c, v]) => [c, {
          rps: { bare: v.bare.rps, clerkStock: v.clerkStock.rps, ours: v.ours.rps },
          p99Ms: { bare: v.bare.p99, clerkStock: v.clerkStock.p99, ours: v.ours.p99 },
          vsClerkStock: v.vsClerkStock,
        }]))
      }

      if (only.has('bundles')) {
        log('3. First-load JavaScript and CSS per page (gzip): ours per page, Clerk\'s bundles apart')
        const ours = servers.ours
        const fresh = await signedInUser(emulator, ours.url, {})
        const cache = new Map()
        // A signed-out browser of a development instance already holds a dev-browser token (else: handshake).
        const signedOut = { accept: 'text/html', cookie: '__clerk_db_jwt=dvb_bench' }
        const pages = [['/', signedOut], ['/onboarding', fresh.pageHeaders], ['/dashboard', ours.user.pageHeaders]]
        s.bundles = { pages: {}, clerk: await clerkBundles(emulator.env), references: {} }
        const rounded = page => ({ ...page, jsKb: round(page.jsKb, 1), jsRawKb: round(page.jsRawKb, 1), cssKb: round(page.cssKb, 1), prefetchJsKb: round(page.prefetchJsKb, 1), htmlGzipKb: round(page.htmlGzipKb, 1) })
        for (const [path, headers] of pages) s.bundles.pages[path] = rounded(await firstLoad(ours.url, path, headers, cache))
        // What Nuxt alone and Nuxt with @clerk/vue ship for the same page, for scale.
        for (const label of ['bare', 'clerkStock']) s.bundles.references[label] = rounded(await firstLoad(servers[label].url, PAGE, servers[label].user.pageHeaders, new Map()))
        sm.firstLoadJsKb = Object.fromEntries(Object.entries(s.bundles.pages).map(([p, v]) => [p, v.jsKb]))
        sm.firstLoadCssKb = Object.fromEntries(Object.entries(s.bundles.pages).map(([p, v]) => [p, v.cssKb]))
        sm.prefetchJsKb = Object.fromEntries(Object.entries(s.bundles.pages).map(([p, v]) => [p, v.prefetchJsKb]))
        sm.referenceFirstLoadJsKb = Object.fromEntries(Object.entries(s.bundles.references).map(([l, v]) => [l, v.jsKb]))
        sm.clerkBundlesKb = Object.fromEntries(Object.entries(s.bundles.clerk).map(([n, v]) => [n, round(v.gzipKb, 1)]))
      }
      for (const server of [...running]) await stop(server)
    }

    if (only.has('memory')) {
      log(`4. RSS over ${memoryRequests.toLocaleString('en')} requests, fresh servers, ${connections} connections`)
      s.memory = { requests: memoryRequests }
      const chunk = Math.ceil(memoryRequests / memoryCheckpoints)
      for (const label of Object.keys(SERVERS)) {
        const server = await start(`${label}`)
        const samples = [{ requests: 0, rssMb: round(rssMb(server.child.pid)) }]
        let non2xx = 0
        for (let done = 0; done < memoryRequests; done += chunk) {
          const run = await load({ url: `${server.url}${PAGE}`, headers: server.user.pageHeaders, connections, amount: chunk })
          non2xx += run.non2xx + run.errors
          samples.push({ requests: done + run.requests, rssMb: round(rssMb(server.child.pid)) })
        }
        s.memory[label] = { samples, rssStartMb: samples[0].rssMb, rssEndMb: samples.at(-1).rssMb, peakMb: Math.max(...samples.map(x => x.rssMb)), non2xx }
        log(`  ${label}: ${samples.map(x => `${x.rssMb} MB`).join(' → ')}${non2xx ? `, ${non2xx} non-2xx` : ''}`)
        await stop(server)
      }
      sm.rssMb = Object.fromEntries(Object.keys(SERVERS).map(l => [l, { start: s.memory[l].rssStartMb, end: s.memory[l].rssEndMb }]))
    }

    if (only.has('cold')) {
      log(`5. Cold start: process start to the first signed-in ${PAGE} (200), median of ${coldSamples}`)
      const times = Object.fromEntries(Object.keys(SERVERS).map(l => [l, []]))
      const labels = Object.keys(SERVERS)
      for (let i = 0; i < coldSamples; i++) {
        for (const label of labels.map((_, j) => labels[(i + j) % labels.length])) {
          const server = await start(label)
          times[label].push(server.startMs)
          await stop(server)
        }
      }
      s.cold = Object.fromEntries(Object.entries(times).map(([l, t]) => [l, { medianMs: round(median(t)), minMs: round(Math.min(...t)), maxMs: round(Math.max(...t)), samples: t.map(x => round(x)) }]))
      sm.coldStartMs = Object.fromEntries(Object.entries(s.cold).map(([l, v]) => [l, v.medianMs]))
      sm.coldStartVsClerkStock = ratio(s.cold.ours.medianMs, s.cold.clerkStock.medianMs)
    }

    if (only.has('journey')) {
      log(`6. The journey in Chromium, ${journeys} runs per server, alternating: sign-up, onboarding, sign-in; first visits`)
      const servers = { clerkStock: await start('clerkStock'), ours: await start('ours') }
      const browser = await launchChromium()
      const runs = { clerkStock: [], ours: [] }
      try {
        // One untimed journey each: the first pages a server renders are slower than any later.
        if (!smoke) for (const label of Object.keys(servers)) await journey(browser, servers[label].url)
        const labels = Object.keys(servers)
        for (let r = 0; r < journeys; r++) {
          for (const label of labels.map((_, i) => labels[(i + r) % labels.length])) {
            const run = await journey(browser, servers[label].url)
            runs[label].push(run)
            log(`  ${label}: ${STEPS.map(x => `${x} ${run.steps[x].ms} ms`).join(', ')}; ${PAGES.map(p => `${p} ${round(run.pages[p].bytes / 1024)} kB/${run.pages[p].requests} req, CLS ${run.pages[p].cls}`).join('; ')}`)
          }
        }
      }
      finally {
        await browser.close()
        for (const server of Object.values(servers)) await stop(server)
      }
      s.journey = Object.fromEntries(Object.entries(runs).map(([label, list]) => [label, summariseJourneys(list)]))
      s.journey.ratios = Object.fromEntries(STEPS.map(x => [x, ratio(s.journey.ours.steps[x].ms, s.journey.clerkStock.steps[x].ms)]))
      sm.journeyMs = Object.fromEntries(Object.keys(runs).map(l => [l, Object.fromEntries(STEPS.map(x => [x, s.journey[l].steps[x].ms]))]))
      sm.journeyVsClerkStock = s.journey.ratios
      // From the app's origin; the rest is Clerk's (clerk-js and its UI: the emulator sends them uncompressed).
      sm.pageKb = Object.fromEntries(Object.keys(runs).map(l => [l, Object.fromEntries(PAGES.map(p => [p, round(s.journey[l].pages[p].appBytes / 1024)]))]))
      sm.pageTotalKb = Object.fromEntries(Object.keys(runs).map(l => [l, Object.fromEntries(PAGES.map(p => [p, round(s.journey[l].pages[p].bytes / 1024)]))]))
      sm.pageRequests = Object.fromEntries(Object.keys(runs).map(l => [l, Object.fromEntries(PAGES.map(p => [p, s.journey[l].pages[p].requests]))]))
      sm.lcpMs = Object.fromEntries(Object.keys(runs).map(l => [l, Object.fromEntries(PAGES.map(p => [p, s.journey[l].pages[p].lcpMs]))]))
      sm.cls = Object.fromEntries(Object.keys(runs).map(l => [l, Object.fromEntries(PAGES.map(p => [p, s.journey[l].pages[p].clsMax]))]))
    }
  }
  finally {
    for (const server of running) await server.stop().catch(() => {})
    await emulator.stop()
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true })
  }

  result.machine.loadavgAtEnd = loadavg().map(v => round(v, 2))
  sm.loadavg = { before: loadBefore, after: result.machine.loadavgAtEnd }
  result.seconds = round((Date.now() - started) / 1000)
  result.budgets = {
    vsClerkStock: sm.vsClerkStock === undefined ? null : { min: BUDGETS.vsClerkStock, goal: 1, ok: sm.vsClerkStock >= BUDGETS.vsClerkStock },
    p99VsClerkStock: sm.p99VsClerkStock === undefined ? null : { max: BUDGETS.p99VsClerkStock, ok: sm.p99VsClerkStock <= BUDGETS.p99VsClerkStock },
    coldStartVsClerkStock: sm.coldStartVsClerkStock === undefined ? null : { max: BUDGETS.coldStartVsClerkStock, ok: sm.coldStartVsClerkStock <= BUDGETS.coldStartVsClerkStock },
    firstLoadJsKb: sm.firstLoadJsKb === undefined ? null : { max: BUDGETS.firstLoadJsKb, ok: Object.values(sm.firstLoadJsKb).every(v => v < BUDGETS.firstLoadJsKb) },
    // The worst run of every page of ours.
    cls: sm.cls === undefined ? null : { max: BUDGETS.cls, ok: Object.values(sm.cls.ours).every(v => v < BUDGETS.cls) },
  }
  const day = result.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')
  const out = args.out ? resolve(args.out) : join(root, 'bench', 'results', `${day}${smoke ? '-smoke' : ''}.json`)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  rmSync(logDir, { recursive: true, force: true })
  printTable(result)
  console.log(`\nwritten: ${out}`)
}

function printTable(r) {
  const rows = []
  const s = r.scenarios
  const add = (scenario, server, result, p50 = '', p99 = '', note = '') => rows.push({ scenario, server, result, 'p50 ms': p50, 'p99 ms': p99, note })
  if (s.ssr) {
    for (const l of Object.keys(r.servers)) add(`SSR ${PAGE} @${r.method.connections}`, l, `${s.ssr[l].rps} req/s`, s.ssr[l].p50, s.ssr[l].p99, `runs ${s.ssr[l].rpsRuns.join(' / ')}; ${s.ssr[l].cpuMsPerRequest} ms CPU/req; ${s.ssr[l].htmlBytes} B`)
    add('SSR ratios', 'ours', `${s.ssr.ratios.vsClerkStock} × Clerk stock`, '', '', `rounds ${s.ssr.ratios.vsClerkStockRange.join('-')}; ${s.ssr.ratios.vsBare} × bare; Clerk stock ${s.ssr.ratios.clerkStockVsBare} × bare; CPU ${s.ssr.ratios.cpuVsClerkStock} (budget >= ${BUDGETS.vsClerkStock}); p99 ${s.ssr.ratios.p99VsClerkStock} × Clerk stock's (rounds ${s.ssr.ratios.p99VsClerkStockRange.join('-')})`)
  }
  if (s.scaling) {
    for (const [c, v] of Object.entries(s.scaling)) add(`scaling @${c}`, 'bare / stock / ours', `${v.bare.rps} / ${v.clerkStock.rps} / ${v.ours.rps} req/s`, '', `${v.bare.p99} / ${v.clerkStock.p99} / ${v.ours.p99}`, `ours ${v.vsClerkStock} × Clerk stock`)
  }
  if (s.bundles) {
    for (const [p, v] of Object.entries(s.bundles.pages)) add(`first load ${p}`, 'ours, gzip', `JS ${v.jsKb} kB, CSS ${v.cssKb} kB`, '', '', `${v.jsFiles} JS files, ${v.prefetchJsKb} kB prefetched; budget JS < ${BUDGETS.firstLoadJsKb} kB`)
    for (const [l, v] of Object.entries(s.bundles.references)) add(`first load ${PAGE}`, `${l}, gzip`, `JS ${v.jsKb} kB`, '', '', 'reference app, for scale')
    for (const [name, v] of Object.entries(s.bundles.clerk)) add('first load', `${name}, gzip`, v.gzipKb === undefined ? v.error : `${round(v.gzipKb, 1)} kB`, '', '', 'from the Clerk origin, not our bundle')
  }
  if (s.memory) for (const l of Object.keys(SERVERS)) add(`RSS over ${s.memory.requests} requests`, l, `${s.memory[l].rssEndMb} MB`, '', '', `${s.memory[l].samples.map(x => x.rssMb).join(' → ')} MB; ${s.memory[l].non2xx} non-2xx`)
  if (s.journey) {
    for (const x of STEPS) add(`journey: ${x} submit to painted`, 'stock / ours', `${s.journey.clerkStock.steps[x].ms} / ${s.journey.ours.steps[x].ms} ms`, '', '', `ours ${s.journey.ratios[x]} × Clerk stock; runs ${s.journey.ours.steps[x].msRuns.join(' / ')}; ${round(s.journey.ours.steps[x].bytes / 1024)} kB, ${s.journey.ours.steps[x].requests} requests until painted`)
    for (const p of PAGES) {
      const [a, b] = [s.journey.clerkStock.pages[p], s.journey.ours.pages[p]]
      add(`first visit ${p}`, 'stock / ours', `${round(a.appBytes / 1024)} / ${round(b.appBytes / 1024)} kB`, '', '', `from the app's origin (with Clerk's: ${round(a.bytes / 1024)} / ${round(b.bytes / 1024)} kB); requests ${a.requests} / ${b.requests}; LCP ${a.lcpMs} / ${b.lcpMs} ms; CLS ${a.clsMax} / ${b.clsMax} (budget < ${BUDGETS.cls})`)
    }
  }
  if (s.cold) for (const [l, v] of Object.entries(s.cold)) add(`cold start to signed-in ${PAGE}`, l, `${v.medianMs} ms`, '', '', `median of ${v.samples.length}, min ${v.minMs}, max ${v.maxMs}`)
  console.table(rows)
  console.log('summary', JSON.stringify(r.summary), 'budgets', JSON.stringify(Object.fromEntries(Object.entries(r.budgets).map(([k, v]) => [k, v?.ok ?? null]))))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
