// Runs one autocannon load in its own process, so the generator never shares an event loop with
// the emulator or the harness. Input: one JSON argument; output: one JSON line on stdout.
//   { url, method?, body?, headers?, headerSets?, connections, duration?, amount?, warmup? }
// `headerSets` rotates request headers (e.g. one cookie per user) request by request.
import autocannon from 'autocannon'

const spec = JSON.parse(process.argv[2])

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

function options(duration, amount) {
  let next = 0
  const request = { method: spec.method ?? 'GET', body: spec.body, headers: spec.headers ?? {} }
  if (spec.headerSets?.length) {
    request.setupRequest = (req) => {
      const extra = spec.headerSets[next++ % spec.headerSets.length]
      return { ...req, headers: { ...req.headers, ...extra } }
    }
  }
  return {
    url: spec.url,
    connections: spec.connections,
    // A loaded machine can hold a reply at 100 connections past autocannon's 10 s default.
    timeout: 30,
    ...(amount ? { amount } : { duration }),
    requests: [request],
  }
}

if (spec.warmup) await run(options(spec.warmup))
const r = await run(options(spec.duration, spec.amount))
process.stdout.write(`${JSON.stringify({
  requests: r.requests.total,
  rps: r.requests.average,
  rpsStddev: r.requests.stddev,
  p50: r.latency.p50,
  p90: r.latency.p90,
  p99: r.latency.p99,
  latencyMean: r.latency.average,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  durationSeconds: r.duration,
  statusCodes: r.statusCodeStats,
})}\n`)
