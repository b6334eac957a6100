#!/usr/bin/env node
// `npm run bench`: the production build and an in-memory Clerk emulator on loopback, measured with
// autocannon (in its own process). Prints a table and writes bench/results/<date>.json, whose
// `summary` holds ssrRatio, coldStartMs and firstLoadJsKb. docs/benchmarks.md explains the method.
//
//   node bench/run.mjs                  full run (about 5 minutes on 2 cores)
//   node bench/run.mjs --smoke          1 s per load, for CI: checks the harness, not the figures
//   options: --out <file>  --only ssr,status,onboarding,cold,bundles,memory,verify
//            --duration <s> --rounds <n> --connections <n> --label <text>
//            --output <dir>        use this build instead of (re)building .output
//            --auth-output <dir>   build for the authenticated server (A/B against an older build)
//            --auth-env NAME=VALUE extra environment for the authenticated server (repeatable)
//            --variant 'label|<build dir or empty>|NAME=VALUE,...'  more authenticated servers in the
//                                  SSR alternation, e.g. an older build or the token cache off (repeatable)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem, release } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureBuild, snapshotBuild } from './lib/build.mjs'
import { clerkBundles, firstLoad } from './lib/bundles.mjs'
import { load, median, round } from './lib/load.mjs'
import { ONBOARDED, appEnv, cpuMs, freePort, rssMb, signedInUser, spawnApp, startApp, startBenchEmulator, stopApp, waitFor200 } from './lib/stack.mjs'
import { verifyCost } from './lib/verify-cost.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const ALL = ['ssr', 'status', 'onboarding', 'cold', 'bundles', 'memory', 'verify']
const BUDGETS = { ssrRatio: 0.85, coldStartMs: 500, firstLoadJsKb: 100 }

const { values: args } = parseArgs({
  options: {
    'smoke': { type: 'boolean', default: false },
    'out': { type: 'string' },
    'only': { type: 'string' },
    'duration': { type: 'string' },
    'rounds': { type: 'string' },
    'connections': { type: 'string', default: '10' },
    'label': { type: 'string' },
    'output': { type: 'string' },
    'auth-output': { type: 'string' },
    'auth-env': { type: 'string', multiple: true, default: [] },
    'variant': { type: 'string', multiple: true, default: [] },
  },
})

const smoke = args.smoke
const only = new Set(args.only ? args.only.split(',') : ALL)
const duration = Number(args.duration ?? (smoke ? 1 : 8))
const rounds = Number(args.rounds ?? (smoke ? 1 : 5))
const connections = Number(args.connections)
const warmup = smoke ? 0.5 : 3
const envPairs = list => Object.fromEntries(list.filter(Boolean).map(pair => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
const authEnv = envPairs(args['auth-env'])
const variants = args.variant.map((spec) => {
  const [label, dir, env = ''] = spec.split('|')
  return { label, dir: dir ? resolve(dir) : undefined, env: envPairs(env.split(',')) }
})
// Our per-user limit on the onboarding write (10 per 10 s) would turn a load test into 429s; this
// is the route's documented runtime setting (server/utils/rate-limit.ts), raised for the bench only.
const RATE_LIMIT_OFF = { NUXT_ONBOARDING_RATE_LIMIT_MAX: '100000000' }

const log = message => process.stderr.write(`[bench] ${message}\n`)

function machine() {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model, cores: cpu.length, memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version, kernel: release(), loadavgAtStart: loadavg().map(v => round(v, 2)),
  }
}

/** Runs `variants` (label → load spec) alternately for `rounds`, flipping the order each round. */
async function alternate(variants) {
  const labels = Object.keys(variants)
  const runs = Object.fromEntries(labels.map(l => [l, []]))
  for (const label of labels) {
    const spec = { ...variants[label] }
    delete spec.pid
    await load({ ...spec, duration: warmup })
  }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? labels : [...labels].reverse()
    for (const label of order) {
      const { pid, ...spec } = variants[label]
      const cpuBefore = pid ? cpuMs(pid) : undefined
      const result = await load({ ...spec, duration })
      // Server CPU per request: unlike req/s, barely moved by other work on the machine.
      if (pid) result.cpuMsPerRequest = (cpuMs(pid) - cpuBefore) / result.requests
      runs[label].push(result)
      log(`  ${label}: ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${pid ? `, ${round(result.cpuMsPerRequest, 2)} ms CPU/request` : ''}${result.non2xx ? `, ${result.non2xx} non-2xx` : ''}`)
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
      cpuMsPerRequest: round(median(list.map(r => r.cpuMsPerRequest)), 3),
      requests: list.reduce((n, r) => n + r.requests, 0),
      non2xx: list.reduce((n, r) => n + r.non2xx, 0),
      errors: list.reduce((n, r) => n + r.errors + r.timeouts, 0),
    }
  }
  return { summary, runs }
}

/** Upstream (Backend API) calls per request, counted by the emulator on `count` sequential requests. */
async function upstreamCallsPerRequest(emulator, count, send) {
  // A 1 ms delay is the lightest rule the emulator accepts; its hit counter is what we read.
  const [rule] = emulator.setFaults([{ path: '/bapi/**', latencyMs: 1 }])
  try {
    for (let i = 0; i < count; i++) {
      const res = await send()
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`upstream count: request answered ${res.status}`)
    }
    return emulator.ctx.faults.rules.find(r => r.id === rule.id).hits / count
  }
  finally {
    emulator.clearFaults()
  }
}

async function expectPage(url, headers, marker) {
  const res = await fetch(url, { headers, redirect: 'manual' })
  const body = await res.text()
  if (res.status !== 200 || !body.includes(marker)) {
    throw new Error(`GET ${url} answered ${res.status} without "${marker}" (${res.headers.get('location') ?? body.slice(0, 200)})`)
  }
  return body.length
}

async function main() {
  const started = Date.now()
  let build = { built: false }
  let buildDir = args.output ? resolve(args.output) : undefined
  let snapshot
  if (!buildDir) {
    build = ensureBuild(root, log)
    snapshot = snapshotBuild(join(root, '.output'))
    buildDir = snapshot
  }
  const authBuildDir = args['auth-output'] ? resolve(args['auth-output']) : buildDir
  const logDir = mkdtempSync(join(tmpdir(), 'bench-logs-'))
  const emulator = await startBenchEmulator()
  const apps = []
  const result = {
    date: new Date().toISOString(),
    label: args.label ?? null,
    smoke,
    machine: machine(),
    method: { tool: 'autocannon 9 (separate process)', connections, durationSeconds: duration, rounds, warmupSeconds: warmup, alternating: true },
    build: { ...build, dir: args.output ? buildDir : '.output (copied aside for the run)', authDir: args['auth-output'] ?? null, authEnv },
    scenarios: {},
    summary: {},
  }
  const s = result.scenarios
  try {
    log(`emulator on ${emulator.url}`)
    const needsApps = ['ssr', 'status', 'onboarding', 'bundles', 'verify'].some(x => only.has(x))
    const auth = needsApps ? await startApp({ label: 'auth', buildDir: authBuildDir, emulator, env: { ...RATE_LIMIT_OFF, ...authEnv }, logDir }) : undefined
    if (auth) apps.push(auth)

    if (only.has('ssr')) {
      log('1. SSR /dashboard, signed in and onboarded, vs the same page with authentication skipped')
      const baseline = await startApp({ label: 'baseline', buildDir, emulator, env: { NUXT_BENCH_BASELINE: '1' }, logDir })
      apps.push(baseline)
      const extra = []
      for (const v of variants) {
        const app = await startApp({ label: v.label, buildDir: v.dir ?? authBuildDir, emulator, env: { ...RATE_LIMIT_OFF, ...v.env }, logDir })
        apps.push(app)
        extra.push(app)
      }
      const user = await signedInUser(emulator, auth.url, ONBOARDED)
      const authBytes = await expectPage(`${auth.url}/dashboard`, user.pageHeaders, ONBOARDED.applicationName)
      const baseBytes = await expectPage(`${baseline.url}/dashboard`, { accept: 'text/html' }, ONBOARDED.applicationName)
      const loads = {
        baseline: { url: `${baseline.url}/dashboard`, headers: user.pageHeaders, connections, pid: baseline.child.pid },
        authenticated: { url: `${auth.url}/dashboard`, headers: user.pageHeaders, connections, pid: auth.child.pid },
      }
      for (const app of extra) {
        // Each server checks `azp` against its own origin: its own user and token.
        const u = await signedInUser(emulator, app.url, ONBOARDED)
        await expectPage(`${app.url}/dashboard`, u.pageHeaders, ONBOARDED.applicationName)
        loads[app.label] = { url: `${app.url}/dashboard`, headers: u.pageHeaders, connections, pid: app.child.pid }
      }
      const { summary } = await alternate(loads)
      const pairs = summary.authenticated.rpsRuns.map((v, i) => round(v / summary.baseline.rpsRuns[i], 3))
      s.ssr = {
        ...summary,
        // Median of the per-round ratios: each round measures both servers back to back, so drift in
        // the machine's load cancels out; the ratio of the medians is kept for comparison.
        ratio: round(median(pairs), 3),
        ratioOfMedians: round(summary.authenticated.rps / summary.baseline.rps, 3),
        ratioPerRound: pairs,
        // The same ratio from server CPU time per request (baseline CPU over authenticated CPU).
        cpuRatio: round(summary.baseline.cpuMsPerRequest / summary.authenticated.cpuMsPerRequest, 3),
        htmlBytes: { authenticated: authBytes, baseline: baseBytes },
      }
      for (const app of extra) {
        s.ssr[app.label].ratio = round(median(summary[app.label].rpsRuns.map((v, i) => v / summary.baseline.rpsRuns[i])), 3)
        s.ssr[app.label].cpuRatio = round(summary.baseline.cpuMsPerRequest / summary[app.label].cpuMsPerRequest, 3)
      }
      result.summary.ssrCpuRatio = s.ssr.cpuRatio
      result.summary.ssrRatio = s.ssr.ratio
      for (const app of [baseline, ...extra]) {
        await app.stop()
        apps.splice(apps.indexOf(app), 1)
      }
    }

    if (only.has('status')) {
      log('2. GET /api/onboarding-status from the session claims vs ?fresh=1 (Backend API read)')
      const user = await signedInUser(emulator, auth.url, ONBOARDED)
      const claimsUrl = `${auth.url}/api/onboarding-status`
      const freshUrl = `${claimsUrl}?fresh=1`
      const upstream = {
        claims: await upstreamCallsPerRequest(emulator, smoke ? 5 : 20, () => fetch(claimsUrl, { headers: user.headers })),
        fresh: await upstreamCallsPerRequest(emulator, smoke ? 5 : 20, () => fetch(freshUrl, { headers: user.headers })),
      }
      const { summary } = await alternate({
        claims: { url: claimsUrl, headers: user.headers, connections, pid: auth.child.pid },
        fresh: { url: freshUrl, headers: user.headers, connections, pid: auth.child.pid },
      })
      s.status = { claims: { ...summary.claims, upstreamPerRequest: upstream.claims }, fresh: { ...summary.fresh, upstreamPerRequest: upstream.fresh } }
    }

    if (only.has('onboarding')) {
      log('3. POST /api/complete-onboarding (the emulator as Clerk; per-user limit raised for the bench)')
      const user = await signedInUser(emulator, auth.url, {})
      const body = JSON.stringify({ applicationName: 'Bench app', applicationType: 'benchmark' })
      const headers = { ...user.headers, 'content-type': 'application/json' }
      const upstreamPerRequest = await upstreamCallsPerRequest(emulator, smoke ? 5 : 20, () => fetch(`${auth.url}/api/complete-onboarding`, { method: 'POST', headers, body }))
      const { summary } = await alternate({ post: { url: `${auth.url}/api/complete-onboarding`, method: 'POST', headers, body, connections, pid: auth.child.pid } })
      s.onboarding = { ...summary.post, upstreamPerRequest }
    }

    if (only.has('bundles')) {
      log('5. First-load JavaScript and CSS per page (gzip)')
      const onboarded = await signedInUser(emulator, auth.url, ONBOARDED)
      const fresh = await signedInUser(emulator, auth.url, {})
      const cache = new Map()
      // A signed-out browser of a development instance already holds a dev-browser token (else: handshake).
      const signedOut = { accept: 'text/html', cookie: '__clerk_db_jwt=dvb_bench' }
      const pages = [['/', signedOut], ['/onboarding', fresh.pageHeaders], ['/dashboard', onboarded.pageHeaders]]
      s.bundles = { pages: {}, clerk: await clerkBundles(emulator.env) }
      for (const [path, headers] of pages) {
        const page = await firstLoad(auth.url, path, headers, cache)
        s.bundles.pages[path] = { ...page, jsKb: round(page.jsKb, 1), jsRawKb: round(page.jsRawKb, 1), cssKb: round(page.cssKb, 1), htmlGzipKb: round(page.htmlGzipKb, 1) }
      }
      result.summary.firstLoadJsKb = Object.fromEntries(Object.entries(s.bundles.pages).map(([p, v]) => [p, v.jsKb]))
      result.summary.firstLoadCssKb = Object.fromEntries(Object.entries(s.bundles.pages).map(([p, v]) => [p, v.cssKb]))
    }

    if (only.has('verify')) {
      log('6b. Session-token verification cost in-process: PEM vs JWKS')
      const user = await signedInUser(emulator, auth.url, ONBOARDED)
      const cost = await verifyCost({ emulator, appUrl: auth.url, user, iterations: smoke ? 100 : 2000 })
      s.verify = Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, round(v, 2)]))
    }

    for (const app of apps.splice(0)) await app.stop()

    if (only.has('memory')) {
      log('6. Server RSS after 10,000 requests (fresh servers)')
      const count = smoke ? 300 : 10_000
      s.memory = { requests: count }
      // V8 grows its heap as far as it may before collecting; the capped run tells slack from a leak.
      const capped = { NODE_OPTIONS: '--max-old-space-size=160' }
      for (const [label, env, dir] of [['authenticated', authEnv, authBuildDir], ['baseline', { NUXT_BENCH_BASELINE: '1' }, buildDir], ['authenticatedHeapCapped', { ...authEnv, ...capped }, authBuildDir]]) {
        const app = await startApp({ label: `memory-${label}`, buildDir: dir, emulator, env, logDir })
        apps.push(app)
        const user = await signedInUser(emulator, app.url, ONBOARDED)
        const before = rssMb(app.child.pid)
        const run = await load({ url: `${app.url}/dashboard`, headers: user.pageHeaders, connections, amount: count })
        await new Promise(r => setTimeout(r, 500))
        const after = rssMb(app.child.pid)
        // A second batch tells a heap that has found its size from one that keeps growing.
        const again = label === 'authenticatedHeapCapped' ? { non2xx: 0 } : await load({ url: `${app.url}/dashboard`, headers: user.pageHeaders, connections, amount: count })
        await new Promise(r => setTimeout(r, 500))
        s.memory[label] = { rssStartMb: round(before), rssAfterMb: round(after), rssAfter2xMb: again.requests ? round(rssMb(app.child.pid)) : null, non2xx: run.non2xx + again.non2xx, exitCode: app.child.exitCode }
        await app.stop()
        apps.pop()
      }
      result.summary.rssAfter10kMb = s.memory.authenticated.rssAfterMb
    }

    if (only.has('cold')) {
      log('4. Cold start: process start to the first 200 (median of 10)')
      const samples = smoke ? 2 : 10
      s.cold = {}
      for (const path of ['/api/health', '/']) {
        const times = []
        for (let i = 0; i < samples; i++) {
          const port = await freePort()
          const child = spawnApp(authBuildDir, appEnv(emulator, port, authEnv), join(logDir, 'cold.log'))
          try {
            times.push(await waitFor200(`http://localhost:${port}${path}`, child, performance.now()))
          }
          finally {
            await stopApp(child)
          }
        }
        s.cold[path] = { medianMs: round(median(times)), minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)), samples: times.map(t => round(t)) }
      }
      result.summary.coldStartMs = s.cold['/api/health'].medianMs
      result.summary.coldStartPageMs = s.cold['/'].medianMs
    }
  }
  finally {
    for (const app of apps) await app.stop().catch(() => {})
    await emulator.stop()
    if (snapshot) rmSync(snapshot, { recursive: true, force: true })
  }

  result.machine.loadavgAtEnd = loadavg().map(v => round(v, 2))
  result.seconds = round((Date.now() - started) / 1000)
  const sm = result.summary
  result.budgets = {
    ssrRatio: sm.ssrRatio === undefined ? null : { min: BUDGETS.ssrRatio, ok: sm.ssrRatio >= BUDGETS.ssrRatio },
    coldStartMs: sm.coldStartMs === undefined ? null : { max: BUDGETS.coldStartMs, ok: sm.coldStartMs < BUDGETS.coldStartMs },
    firstLoadJsKb: sm.firstLoadJsKb === undefined ? null : { max: BUDGETS.firstLoadJsKb, ok: Object.values(sm.firstLoadJsKb).every(v => v < BUDGETS.firstLoadJsKb) },
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
  const add = (scenario, variant, result, p50 = '', p99 = '', note = '') => rows.push({ scenario, variant, result, 'p50 ms': p50, 'p99 ms': p99, note })
  if (s.ssr) {
    for (const v of Object.keys(s.ssr).filter(k => s.ssr[k]?.rpsRuns)) add('SSR /dashboard', v, `${s.ssr[v].rps} req/s`, s.ssr[v].p50, s.ssr[v].p99, `runs ${s.ssr[v].rpsRuns.join(' / ')}; ${s.ssr[v].cpuMsPerRequest} ms CPU/req${s.ssr[v].ratio ? `; ratio ${s.ssr[v].ratio}, CPU ratio ${s.ssr[v].cpuRatio}` : ''}`)
    add('SSR /dashboard', 'ratio', s.ssr.ratio, '', '', `per round ${s.ssr.ratioPerRound.join(' / ')}; from CPU/request ${s.ssr.cpuRatio}; budget >= ${BUDGETS.ssrRatio}`)
  }
  if (s.status) for (const v of ['claims', 'fresh']) add('GET /api/onboarding-status', v, `${s.status[v].rps} req/s`, s.status[v].p50, s.status[v].p99, `${s.status[v].upstreamPerRequest} upstream calls/request; ${s.status[v].cpuMsPerRequest} ms CPU/req`)
  if (s.onboarding) add('POST /api/complete-onboarding', 'emulator', `${s.onboarding.rps} req/s`, s.onboarding.p50, s.onboarding.p99, `${s.onboarding.upstreamPerRequest} upstream calls/request, ${s.onboarding.non2xx} non-2xx; ${s.onboarding.cpuMsPerRequest} ms CPU/req`)
  if (s.cold) for (const [p, v] of Object.entries(s.cold)) add(`cold start to 200 ${p}`, `median of ${v.samples.length}`, `${v.medianMs} ms`, '', '', `min ${v.minMs}, max ${v.maxMs}${p === '/api/health' ? `; budget < ${BUDGETS.coldStartMs}` : ''}`)
  if (s.bundles) {
    for (const [p, v] of Object.entries(s.bundles.pages)) add(`first load ${p}`, 'ours, gzip', `JS ${v.jsKb} kB, CSS ${v.cssKb} kB`, '', '', `${v.jsFiles} JS files; budget JS < ${BUDGETS.firstLoadJsKb} kB`)
    for (const [name, v] of Object.entries(s.bundles.clerk)) add('first load', `${name}, gzip`, v.gzipKb === undefined ? v.error : `${round(v.gzipKb, 1)} kB`, '', '', 'from the Clerk origin, not our bundle')
  }
  if (s.memory) for (const v of ['authenticated', 'baseline', 'authenticatedHeapCapped']) add(`RSS after ${s.memory.requests} requests`, v, `${s.memory[v].rssAfterMb} MB`, '', '', `${s.memory[v].rssStartMb} MB at start${s.memory[v].rssAfter2xMb ? `, ${s.memory[v].rssAfter2xMb} MB after ${2 * s.memory.requests}` : ''}; ${s.memory[v].non2xx} non-2xx`)
  if (s.verify) for (const [k, v] of Object.entries(s.verify)) if (k !== 'iterations') add('token check, in-process', k.replace(/Us$/, ''), `${v} µs`)
  console.table(rows)
  console.log('summary', JSON.stringify(r.summary), 'budgets', JSON.stringify(Object.fromEntries(Object.entries(r.budgets).map(([k, v]) => [k, v?.ok ?? null]))))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
