import { ServerResponse } from 'node:http'
import { formatWithOptions } from 'node:util'
import { getRequestHeader, getRequestIP, getRequestURL, getResponseHeader, type H3Event } from 'h3'
import { eventTraceFields, isJsonLogging, logger, writeLog, type Severity } from '../utils/logger'

// In production every line on stdout is a Cloud Logging JSON entry: one per request (with
// `httpRequest` and the trace), one per server error, and whatever Nitro, Nuxt, Vue or Clerk print
// through the console, all redacted by writeLog.

/** What the request line needs from the request, read when it arrives: by the time the response closes, the socket may be gone. */
function requestFields(event: H3Event): Record<string, unknown> {
  return {
    requestMethod: event.method,
    userAgent: getRequestHeader(event, 'user-agent'),
    remoteIp: getRequestIP(event, { xForwardedFor: true }),
    referer: getRequestHeader(event, 'referer'),
    protocol: `HTTP/${event.node.req.httpVersion}`,
  }
}

/** Cloud Logging's HttpRequest object; `publicUrl` is the one the browser used. */
function httpRequest(event: H3Event, fields: Record<string, unknown>, publicUrl: URL, latencyMs: number): Record<string, unknown> {
  const length = getResponseHeader(event, 'content-length')
  return {
    ...fields,
    requestUrl: publicUrl.href,
    status: event.node.res.statusCode,
    ...(length ? { responseSize: String(length) } : {}),
    latency: `${(latencyMs / 1000).toFixed(3)}s`,
  }
}

function requestSeverity(path: string, status: number): Severity {
  if (status >= 500) return 'ERROR'
  if (status >= 400) return 'WARNING'
  // Startup and liveness probes hit this every few seconds.
  return path === '/api/health' ? 'DEBUG' : 'INFO'
}

// Clerk's lines about handshake material that was not Clerk's (a client's junk or a stale nonce):
// the client's doing, so one warning with the error's name, message and status, not its stack.
const CLERK_CLIENT_MATERIAL = ['Clerk: HandshakeService: error getting handshake payload:', 'Clerk: unable to resolve handshake:']

function withoutStack(arg: unknown): unknown {
  if (!(arg instanceof Error)) return arg
  const status = (arg as { status?: unknown }).status
  return `${arg.name}: ${arg.message}${typeof status === 'number' ? ` (status ${status})` : ''}`
}

/** Sends console output through writeLog so library messages are JSON and redacted too. */
function routeConsoleToJson(): void {
  const methods: Array<[keyof Console, Severity]> = [['debug', 'DEBUG'], ['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARNING'], ['error', 'ERROR']]
  for (const [method, severity] of methods) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      // Nitro and h3 print unhandled request errors themselves; the `error` hook below already logged them with their trace.
      if (method === 'error' && (args[0] === '[h3]' || (typeof args[0] === 'string' && args[0].startsWith('[request error]')))) return
      const first = args[0]
      if (typeof first === 'string' && CLERK_CLIENT_MATERIAL.some(prefix => first.startsWith(prefix))) {
        writeLog({ severity: 'WARNING', message: formatWithOptions({ colors: false }, ...args.map(withoutStack)) })
        return
      }
      writeLog({ severity, message: formatWithOptions({ colors: false, depth: 4 }, ...args) })
    }
  }
}

export default defineNitroPlugin((nitroApp) => {
  if (!isJsonLogging()) return
  routeConsoleToJson()

  nitroApp.hooks.hook('request', (event) => {
    const res = event.node.res
    // Nitro's internal fetches (SSR calling /api, the error page) run on mock requests: not traffic.
    if (!(res instanceof ServerResponse)) return
    const started = performance.now()
    // Read before routing, which rewrites the event's path.
    const publicUrl = getRequestURL(event, { xForwardedHost: true, xForwardedProto: true })
    const fields = requestFields(event)
    // The response's `close`, not the `afterResponse` hook: that hook is skipped when Nuxt's error
    // handler renders the response (404 pages, 500s), and misses clients that hang up.
    res.once('close', () => {
      const latencyMs = performance.now() - started
      const aborted = !res.writableFinished
      writeLog({
        severity: aborted ? 'WARNING' : requestSeverity(publicUrl.pathname, res.statusCode),
        message: `${event.method} ${publicUrl.pathname}${publicUrl.search} ${aborted ? 'aborted by the client' : res.statusCode} ${Math.round(latencyMs)}ms`,
        httpRequest: httpRequest(event, fields, publicUrl, latencyMs),
        ...eventTraceFields(event),
      })
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
