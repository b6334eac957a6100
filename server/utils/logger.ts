import { formatWithOptions } from 'node:util'
import { getRequestHeader, type H3Event } from 'h3'

// Structured logging for Cloud Run: one JSON object per line on stdout, which Cloud Logging parses
// into `severity`, `message`, `httpRequest` and the trace it correlates with the request log.
// https://cloud.google.com/logging/docs/structured-logging
// Only plain `h3` and Node imports here, so tests can import it without Nitro.

export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL'

export interface LogEntry {
  severity: Severity
  message: string
  [field: string]: unknown
}

const REDACTED = '[REDACTED]'

// Order matters: whole secrets first, then what is left of named credentials. No word boundary
// before a token or key: a client can glue one to any letter, digit or `_` (`a_eyJ...`).
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  // PEM private keys (an emulator or JWT signing key printed by mistake).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  // Clerk secret keys, live or test.
  [/sk_(?:live|test)_[A-Za-z0-9]+/g, REDACTED],
  // Anything shaped like a JWT: session tokens, handshake and dev-browser tokens.
  [/eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Credentials after an auth scheme.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Clerk's query parameters and cookies, and common credential parameters, wherever they appear.
  [/((?:^|[?&;,\s"'])(?:__clerk_[A-Za-z_]+|__session[A-Za-z0-9_-]*|__client[A-Za-z0-9_-]*|__refresh[A-Za-z0-9_-]*|token|access_token|id_token|code|ticket|password|secret|api_key)=)[^&;,\s"'#]*/gi, `$1${REDACTED}`],
  // Header dumps, e.g. an error that prints the request's headers.
  [/\b((?:authorization|cookie|set-cookie|x-api-key)["']?\s*[:=]\s*["']?)[^"'\n]+/gi, `$1${REDACTED}`],
]

function redactLiteral(text: string): string {
  let result = text
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement)
  return result
}

/** `text` with `+` read as a space and every %XX decoded, repeatedly (double encoding), byte by byte. */
function percentDecoded(text: string): string {
  let current = text
  for (let round = 0; round < 4; round++) {
    const next = current.replace(/\+/g, ' ').replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    if (next === current) break
    current = next
  }
  return current
}

/**
 * Removes tokens, keys and credential-bearing query parameters from text about to be logged. Each
 * whitespace-free run that holds a `%` or `+` is also judged decoded (a token in a percent-encoded
 * `redirect_url`, `%2E` for its dots): when that finds a secret, the run is logged decoded and
 * redacted, its control characters re-encoded.
 */
export function redactSecrets(text: string): string {
  const literal = redactLiteral(text)
  if (!/[%+]/.test(literal)) return literal
  return literal.replace(/[^\s]*[%+][^\s]*/g, (run) => {
    const decoded = percentDecoded(run)
    const redacted = redactLiteral(decoded)
    // eslint-disable-next-line no-control-regex
    return redacted === decoded ? run : redacted.replace(/[\u0000-\u001F\u007F]/g, char => `%${char.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)
  })
}

/** Redacts every string inside a log entry (before serialising, so the JSON stays valid). */
function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(item => redactDeep(item, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, depth + 1)]))
}

/**
 * The trace fields that tie a log line to its request in Cloud Logging, from Cloud Run's
 * `X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1` (or W3C `traceparent`). Empty without a project:
 * Cloud Logging only understands `projects/<project>/traces/<id>`.
 */
export function traceFields(header: { cloudTrace?: string, traceparent?: string }, project = process.env.GOOGLE_CLOUD_PROJECT): Record<string, unknown> {
  if (!project) return {}
  let traceId: string | undefined
  let spanId: string | undefined
  let sampled: boolean | undefined
  const cloud = header.cloudTrace?.match(/^([0-9a-f]{32})(?:\/(\d+))?(?:;o=([01]))?/i)
  const w3c = header.traceparent?.match(/^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/i)
  if (cloud) {
    traceId = cloud[1]
    // The header's span id is decimal; Cloud Logging wants 16 hex digits.
    spanId = cloud[2] ? BigInt(cloud[2]).toString(16).padStart(16, '0') : undefined
    sampled = cloud[3] === undefined ? undefined : cloud[3] === '1'
  }
  else if (w3c) {
    traceId = w3c[1]
    spanId = w3c[2]
    sampled = (Number.parseInt(w3c[3]!, 16) & 1) === 1
  }
  if (!traceId) return {}
  const fields: Record<string, unknown> = { 'logging.googleapis.com/trace': `projects/${project}/traces/${traceId.toLowerCase()}` }
  if (spanId) fields['logging.googleapis.com/spanId'] = spanId
  if (sampled !== undefined) fields['logging.googleapis.com/trace_sampled'] = sampled
  return fields
}

/** Trace fields for the request an event belongs to. */
export function eventTraceFields(event: H3Event): Record<string, unknown> {
  return traceFields({
    cloudTrace: getRequestHeader(event, 'x-cloud-trace-context'),
    traceparent: getRequestHeader(event, 'traceparent'),
  })
}

/** JSON lines only in production (the container); people read the dev server's output. */
export function isJsonLogging(): boolean {
  return process.env.NODE_ENV === 'production'
}

// The console as it was before server/plugins/logging.ts routed it through writeLog.
const originalConsole = { log: console.log, warn: console.warn, error: console.error }

/** Writes one entry: a JSON line on stdout in production, a readable line elsewhere. Never throws. */
export function writeLog(entry: LogEntry): void {
  const safe = redactDeep(entry) as LogEntry
  try {
    if (isJsonLogging()) {
      process.stdout.write(`${JSON.stringify({ ...safe, time: new Date().toISOString() })}\n`)
      return
    }
    const { severity, message, ...fields } = safe
    const print = severity === 'ERROR' || severity === 'CRITICAL' ? originalConsole.error : severity === 'WARNING' ? originalConsole.warn : originalConsole.log
    const extra = Object.keys(fields).length > 0 ? ` ${formatWithOptions({ colors: false, breakLength: Infinity }, fields)}` : ''
    print(`[${severity}] ${message}${extra}`)
  }
  catch {
    // Logging must never take a request down (e.g. stdout closed during shutdown).
  }
}

function log(severity: Severity, message: string, fields: Record<string, unknown> = {}, event?: H3Event): void {
  writeLog({ severity, message, ...(event ? eventTraceFields(event) : {}), ...fields })
}

/** The app's logger; pass the event to tie the line to its request's trace. */
export const logger = {
  debug: (message: string, fields?: Record<string, unknown>, event?: H3Event) => log('DEBUG', message, fields, event),
  info: (message: string, fields?: Record<string, unknown>, event?: H3Event) => log('INFO', message, fields, event),
  warn: (message: string, fields?: Record<string, unknown>, event?: H3Event) => log('WARNING', message, fields, event),
  error: (message: string, fields?: Record<string, unknown>, event?: H3Event) => log('ERROR', message, fields, event),
}
