import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

// The benchmark itself is not part of CI (its figures need a quiet machine); this checks that
// `npm run bench` still runs end to end and writes what docs/benchmarks.md reads.
describe('bench/run.mjs --smoke', () => {
  let dir: string | undefined

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('runs every scenario and writes the JSON summary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'))
    const out = join(dir, 'result.json')
    await run(process.execPath, ['bench/run.mjs', '--smoke', '--out', out], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
    const result = JSON.parse(await readFile(out, 'utf8'))

    expect(result.summary.ssrRatio).toBeGreaterThan(0)
    expect(result.summary.coldStartMs).toBeGreaterThan(0)
    for (const page of ['/', '/onboarding', '/dashboard']) expect(result.summary.firstLoadJsKb[page]).toBeGreaterThan(0)
    // Every load was answered as intended: pages rendered for a signed-in user, no 401/302/429.
    expect(result.scenarios.ssr.authenticated.non2xx).toBe(0)
    expect(result.scenarios.ssr.baseline.non2xx).toBe(0)
    expect(result.scenarios.status.claims.upstreamPerRequest).toBe(0)
    expect(result.scenarios.status.fresh.upstreamPerRequest).toBe(1)
    expect(result.scenarios.onboarding.non2xx).toBe(0)
    expect(result.scenarios.onboarding.upstreamPerRequest).toBe(1)
  })
})
