import { formatWithOptions } from 'node:util'
import { getRequestHeader, getRequestIP, getRequestURL, getResponseHeader, type H3Event } from 'h3'
import { eventTraceFields, isJsonLogging, logger, writeLog, type Severity } from '../utils/logger'

// In production every line on stdout is a Cloud Logging JSON entry: one per request (with
// `httpRequest` and the trace), one per server error, and whatever Nitro, Nuxt, Vue or Clerk print
// through the console, all redacted by writeLog.

const startedAt = new WeakMap<H3Event, number>()

/** Cloud Logging's HttpRequest object; the URL is the public one the browser used. */
function httpRequest(event: H3Event, latencyMs: number): Record<string, unknown> {
  const res = event.node.res
  const length = getResponseHeader(event, 'content-length')
  return {
    requestMethod: event.method,
    requestUrl: getRequestURL(event, { xForwardedHost: true, xForwardedProto: true }).href,
    status: res.statusCode,
    ...(length ? { responseSize: String(length) } : {}),
    userAgent: getRequestHeader(event, 'user-agent'),
    remoteIp: getRequestIP(event, { xForwardedFor: true }),
    referer: getRequestHeader(event, 'referer'),
    protocol: `HTTP/${event.node.req.httpVersion}`,
    latency: `${(latencyMs / 1000).toFixed(3)}s`,
  }
}

function requestSeverity(event: H3Event, status: number): Severity {
  if (status >= 500) return 'ERROR'
  if (status >= 400) return 'WARNING'
  // Startup and liveness probes hit this every few seconds.
  return event.path === '/api/health' ? 'DEBUG' : 'INFO'
}

/** Sends console output through writeLog so library messages are JSON and redacted too. */
function routeConsoleToJson(): void {
  const methods: Array<[keyof Console, Severity]> = [['debug', 'DEBUG'], ['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARNING'], ['error', 'ERROR']]
  for (const [method, severity] of methods) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      // Nitro prints unhandled request errors itself; the `error` hook below already logged them with their trace.
      if (method === 'error' && typeof args[0] === 'string' && args[0].startsWith('[request error]')) return
      writeLog({ severity, message: formatWithOptions({ colors: false, depth: 4 }, ...args) })
    }
  }
}

export default defineNitroPlugin((nitroApp) => {
  if (!isJsonLogging()) return
  routeConsoleToJson()

  nitroApp.hooks.hook('request', (event) => {
    startedAt.set(event, performance.now())
  })

  nitroApp.hooks.hook('afterResponse', (event) => {
    const started = startedAt.get(event)
    if (started === undefined) return
    startedAt.delete(event)
    const latencyMs = performance.now() - started
    const status = event.node.res.statusCode
    const url = getRequestURL(event)
    writeLog({
      severity: requestSeverity(event, status),
      message: `${event.method} ${url.pathname}${url.search} ${status} ${Math.round(latencyMs)}ms`,
      httpRequest: httpRequest(event, latencyMs),
      ...eventTraceFields(event),
    })
  })

  nitroApp.hooks.hook('error', (error, { event, tags }) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    // 4xx are answers (401 for anonymous callers, 404s); the request line records them.
    if (status < 500) return
    const fields: Record<string, unknown> = { tags, stack_trace: error.stack }
    if (event) fields.httpRequest = { requestMethod: event.method, requestUrl: getRequestURL(event, { xForwardedHost: true, xForwardedProto: true }).href }
    logger.error(error.message || String(error), fields, event)
  })
})
