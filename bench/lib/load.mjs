import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const worker = fileURLToPath(new URL('./load-worker.mjs', import.meta.url))

/** One autocannon run in a child process; resolves to its summary (see load-worker.mjs). */
export function load(spec) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => { out += chunk })
    child.stderr.on('data', (chunk) => { err += chunk })
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load worker exited with ${code}: ${err}`))
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()))
      }
      catch (error) {
        reject(new Error(`load worker printed no result: ${out}${err}`, { cause: error }))
      }
    })
  })
}

export function median(values) {
  const sorted = values.filter(v => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return null
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function round(value, digits = 1) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value
  const f = 10 ** digits
  return Math.round(value * f) / f
}
