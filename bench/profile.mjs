#!/usr/bin/env node
// CPU profile of the production server under load (`node --cpu-prof`), summarised.
//   node bench/profile.mjs [--target ssr|baseline|onboarding|status] [--seconds 10] [--output <build dir>]
//                          [--env NAME=VALUE ...] [--keep <dir>]
// Builds .output when it is stale (like run.mjs), starts the emulator and one server with
// --cpu-prof, loads it with autocannon, stops it (the profile is written on exit) and prints the
// functions with the most self time and the inclusive share of the auth-related frames.
import { mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureBuild, snapshotBuild } from './lib/build.mjs'
import { load } from './lib/load.mjs'
import { ONBOARDED, appEnv, freePort, signedInUser, spawnApp, startBenchEmulator, stopApp, waitFor200 } from './lib/stack.mjs'
import { summarise } from './lib/cpuprofile.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: 'ssr' },
    seconds: { type: 'string', default: '10' },
    output: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    keep: { type: 'string' },
  },
})
const log = message => process.stderr.write(`[profile] ${message}\n`)

let buildDir = args.output ? resolve(args.output) : undefined
let snapshot
if (!buildDir) {
  ensureBuild(root, log)
  snapshot = snapshotBuild(join(root, '.output'))
  buildDir = snapshot
}
const profDir = mkdtempSync(join(tmpdir(), 'bench-prof-'))
const emulator = await startBenchEmulator()
const port = await freePort()
const url = `http://localhost:${port}`
const extra = Object.fromEntries(args.env.map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]))
const env = appEnv(emulator, port, {
  NUXT_ONBOARDING_RATE_LIMIT_MAX: '100000000',
  ...(args.target === 'baseline' ? { NUXT_BENCH_BASELINE: '1' } : {}),
  ...extra,
  NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}`,
})
const child = spawnApp(buildDir, env, join(profDir, 'server.log'))
try {
  await waitFor200(`${url}/api/health`, child, performance.now())
  const user = await signedInUser(emulator, url, args.target === 'onboarding' ? {} : ONBOARDED)
  const specs = {
    ssr: { url: `${url}/dashboard`, headers: user.pageHeaders },
    baseline: { url: `${url}/dashboard`, headers: user.pageHeaders },
    status: { url: `${url}/api/onboarding-status`, headers: user.headers },
    onboarding: {
      url: `${url}/api/complete-onboarding`, method: 'POST',
      headers: { ...user.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ applicationName: 'Bench app', applicationType: 'benchmark' }),
    },
  }
  const spec = specs[args.target]
  if (!spec) throw new Error(`unknown --target ${args.target}`)
  log(`loading ${spec.url} for ${args.seconds} s`)
  const result = await load({ ...spec, connections: 10, duration: Number(args.seconds) })
  log(`${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${result.non2xx} non-2xx`)
}
finally {
  await stopApp(child)
  await emulator.stop()
  if (snapshot) rmSync(snapshot, { recursive: true, force: true })
}
const file = readdirSync(profDir).find(f => f.endsWith('.cpuprofile'))
if (!file) throw new Error(`no profile written in ${profDir}`)
const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8'))
console.log(summarise(profile, { top: 30 }))
if (args.keep) {
  mkdirSync(resolve(args.keep), { recursive: true })
  cpSync(join(profDir, file), join(resolve(args.keep), `${args.target}.cpuprofile`))
  log(`profile kept as ${join(resolve(args.keep), `${args.target}.cpuprofile`)} (open it in Chrome DevTools)`)
}
rmSync(profDir, { recursive: true, force: true })
