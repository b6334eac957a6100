import { eventHandler, getRequestHeader, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import type { EmulatorContext } from './context.ts'
import { clerkError, sendClerkError } from './http.ts'

// What keeps a web page in the developer's own browser from using the emulator: a Host allow-list
// (DNS rebinding), and control routes that only same-origin or explicitly allowed callers reach.

/** The header every `/__emulator/*` call must carry: not CORS-simple, so a foreign page must preflight. */
export const CONTROL_HEADER = 'x-clerk-emulator'

const LOOPBACK_NAMES = new Set(['127.0.0.1', '[::1]', 'localhost'])
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]'])

interface HostPort {
  hostname: string
  port: string
}

/** `Host` header to hostname and port, or null for anything that is not a plain host[:port]. */
export function parseHost(raw: string | undefined): HostPort | null {
  if (!raw || !/^[a-z0-9.\-[\]:]+$/i.test(raw)) return null
  let url: URL
  try { url = new URL(`http://${raw}`) }
  catch { return null }
  if (url.host !== raw.toLowerCase().replace(/:80$/, '')) return null
  return { hostname: url.hostname, port: url.port || '80' }
}

function hostOf(url: string): HostPort | null {
  try {
    const parsed = new URL(url)
    return { hostname: parsed.hostname, port: parsed.port || (parsed.protocol === 'https:' ? '443' : '80') }
  }
  catch { return null }
}

function ownPort(ctx: EmulatorContext): string {
  return hostOf(ctx.baseUrl)?.port ?? ''
}

/**
 * Loopback names (and `*.localhost`, which browsers resolve to loopback themselves) on the
 * emulator's own port, the configured `--host`, and the host of `--public-url`.
 */
export function isHostAllowed(ctx: EmulatorContext, raw: string | undefined): boolean {
  const host = parseHost(raw)
  if (!host) return false
  const port = ownPort(ctx)
  if (host.port === port) {
    if (LOOPBACK_NAMES.has(host.hostname) || host.hostname.endsWith('.localhost')) return true
    const configured = ctx.options.host.toLowerCase()
    if (!WILDCARDS.has(configured) && (host.hostname === configured || host.hostname === `[${configured}]`)) return true
  }
  const pub = ctx.options.publicUrl ? hostOf(ctx.options.publicUrl) : null
  return pub !== null && pub.hostname === host.hostname && pub.port === host.port
}

/** Whether the path reaches a control route, however it is spelled (`%5F`, doubled slashes, case). */
export function isControlPath(path: string): boolean {
  const pathname = path.split('?')[0]!
  let decoded = pathname
  try { decoded = decodeURIComponent(pathname) }
  catch { /* undecodable: judged on the raw spelling */ }
  return decoded.toLowerCase().split(/[/\\]+/).includes('__emulator')
}

/** The emulator's own origin as the browser sees it: the console page calls the control API from it. */
function isSameOrigin(event: H3Event, origin: string): boolean {
  const host = getRequestHeader(event, 'host')
  return origin === `http://${host}` || origin === `https://${host}`
}

/** Control routes grant CORS only to origins listed with `--origin` (never to "any loopback"). */
function isControlOriginAllowed(ctx: EmulatorContext, origin: string): boolean {
  return ctx.config.allowedOrigins.includes(origin)
}

const refuse = (event: H3Event, status: number, code: string, message: string, long: string) =>
  sendClerkError(event, clerkError(status, code, message, long))

/**
 * The first middleware: refuses foreign Hosts with 421, and cross-site or header-less control calls
 * with 403. Returns undefined to let the request continue.
 */
export function lockdownHandler(ctx: EmulatorContext) {
  return eventHandler((event) => {
    const host = getRequestHeader(event, 'host')
    if (!isHostAllowed(ctx, host)) {
      return refuse(event, 421, 'host_invalid', 'Misdirected request',
        'This emulator answers only on its own loopback host and port (or a configured --host/--public-url).')
    }
    if (!isControlPath(event.path)) return undefined
    const origin = getRequestHeader(event, 'origin')
    const listed = origin !== undefined && isControlOriginAllowed(ctx, origin)
    if (origin !== undefined && !listed && !isSameOrigin(event, origin)) {
      return refuse(event, 403, 'origin_invalid', 'Origin not allowed',
        `The emulator's control routes do not accept calls from ${origin}; list it with --origin to allow it.`)
    }
    if (listed) {
      setResponseHeader(event, 'access-control-allow-origin', origin)
      setResponseHeader(event, 'access-control-allow-credentials', 'true')
      setResponseHeader(event, 'vary', 'Origin')
    }
    if (event.method === 'OPTIONS') {
      setResponseHeader(event, 'access-control-allow-methods', 'GET, POST, PUT, DELETE')
      setResponseHeader(event, 'access-control-allow-headers', `content-type, ${CONTROL_HEADER}`)
      setResponseStatus(event, 204)
      return ''
    }
    const isHealth = event.path.split('?')[0] === '/__emulator/health' && (event.method === 'GET' || event.method === 'HEAD')
    if (!isHealth && !getRequestHeader(event, CONTROL_HEADER)) {
      return refuse(event, 403, 'control_header_missing', 'Control header missing',
        `Calls to /__emulator/* must send the ${CONTROL_HEADER}: 1 header, which a cross-site page cannot send without a preflight.`)
    }
    return undefined
  })
}
