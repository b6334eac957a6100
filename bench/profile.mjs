#!/usr/bin/env node
// CPU profile of one production server under load (`node --cpu-prof`), summarised.
//   node bench/profile.mjs [--target ours|bare|clerk-stock] [--seconds 10] [--output <build dir>]
//                          [--keep <dir>]
// Builds what is stale (like run.mjs), starts the emulator and one server with --cpu-prof, loads
// its signed-in /dashboard with autocannon (10 connections), stops it (the profile is written on
// exit) and prints the functions with the most self time and the inclusive share of chosen frames.
import { mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { REFERENCES, ensureBuild, snapshotBuild } from './lib/build.mjs'
import { load } from './lib/load.mjs'
import { PAGE, startBenchEmulator, startServer } from './lib/stack.mjs'
import { summarise } from './lib/cpuprofile.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: 'ours' },
    seconds: { type: 'string', default: '10' },
    output: { type: 'string' },
    keep: { type: 'string' },
  },
})
const log = message => process.stderr.write(`[profile] ${message}\n`)
if (args.target !== 'ours' && !REFERENCES.includes(args.target)) throw new Error(`unknown --target ${args.target} (ours, ${REFERENCES.join(', ')})`)

const buildDir = snapshotBuild(args.output ? resolve(args.output) : ensureBuild(root, args.target, log).output)
const profDir = mkdtempSync(join(tmpdir(), 'bench-prof-'))
const emulator = await startBenchEmulator()
const server = await startServer({
  label: args.target, buildDir, emulator, logDir: profDir, authenticates: args.target !== 'bare',
  env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` },
})
try {
  log(`loading ${server.url}${PAGE} for ${args.seconds} s`)
  const result = await load({ url: `${server.url}${PAGE}`, headers: server.user.pageHeaders, connections: 10, duration: Number(args.seconds) })
  log(`${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${result.non2xx} non-2xx`)
}
finally {
  await server.stop()
  await emulator.stop()
  rmSync(buildDir, { recursive: true, force: true })
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
