import type { H3Event } from 'h3'
import { clerkError } from './http.ts'

// Fault injection for reliability tests: per-route latency, error statuses, dropped connections.
// Off until rules are set (POST /__emulator/faults or the `setFaults` of startEmulator's result).

export interface FaultRule {
  /**
   * HTTP method on the wire, case-insensitive; absent or `*` matches any except CORS preflights
   * (`OPTIONS` must be named). clerk-js sends PATCH and DELETE as POST with `?_method=`.
   */
  method?: string
  /**
   * Full request path (with its /bapi or /fapi prefix; the query string is ignored). `*` or a
   * `:name` segment matches one segment, a trailing `**` matches the rest: `/bapi/v1/users/*`,
   * `/bapi/v1/users/:id/metadata`, `/fapi/**`. Without wildcards the path must match exactly.
   */
  path: string
  /** Delay before anything else happens (and before the request is handled, if it still is). */
  latencyMs?: number
  /** Answer with this status (400-599) and Clerk's error envelope instead of handling the request. */
  status?: number
  /** Seconds for the `Retry-After` header; a 429 without it gets 1. */
  retryAfter?: number
  /** Destroy the socket without answering; the request is not handled. */
  drop?: boolean
  /** Handle the request (its writes are kept), then destroy the socket instead of answering. */
  dropResponse?: boolean
  /** Apply to the next N matching requests only, then the rule removes itself. */
  times?: number
  /** Chance (0..1) that a matching request is affected; default 1. */
  probability?: number
}

export interface ActiveFaultRule extends FaultRule {
  id: string
  /** How many requests this rule has affected so far. */
  hits: number
}

let nextId = 1

export function invalidFaultRule(message: string) {
  return clerkError(400, 'fault_rule_invalid', message, message)
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** Validates one rule from JSON; throws a Clerk-shaped 400 naming the problem. */
export function validateRule(input: unknown, index = 0): FaultRule {
  const where = `rules[${index}]`
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalidFaultRule(`${where} must be an object.`)
  const r = input as Record<string, unknown>
  const known = new Set(['method', 'path', 'latencyMs', 'status', 'retryAfter', 'drop', 'dropResponse', 'times', 'probability'])
  for (const key of Object.keys(r)) if (!known.has(key)) throw invalidFaultRule(`${where}.${key} is not a fault rule field.`)
  if (typeof r.path !== 'string' || !r.path.startsWith('/')) throw invalidFaultRule(`${where}.path must be a path starting with "/".`)
  if (r.method !== undefined && (typeof r.method !== 'string' || !/^(\*|[A-Za-z]+)$/.test(r.method))) throw invalidFaultRule(`${where}.method must be an HTTP method or "*".`)
  if (r.latencyMs !== undefined && (!isNum(r.latencyMs) || r.latencyMs < 0 || r.latencyMs > 600_000)) throw invalidFaultRule(`${where}.latencyMs must be 0..600000.`)
  if (r.status !== undefined && (!Number.isInteger(r.status) || (r.status as number) < 400 || (r.status as number) > 599)) throw invalidFaultRule(`${where}.status must be an integer 400..599.`)
  if (r.retryAfter !== undefined && (!Number.isInteger(r.retryAfter) || (r.retryAfter as number) < 0)) throw invalidFaultRule(`${where}.retryAfter must be a non-negative integer (seconds).`)
  for (const flag of ['drop', 'dropResponse'] as const) {
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean') throw invalidFaultRule(`${where}.${flag} must be a boolean.`)
  }
  if (r.times !== undefined && (!Number.isInteger(r.times) || (r.times as number) < 1)) throw invalidFaultRule(`${where}.times must be a positive integer.`)
  if (r.probability !== undefined && (!isNum(r.probability) || r.probability < 0 || r.probability > 1)) throw invalidFaultRule(`${where}.probability must be 0..1.`)
  const effects = [r.status !== undefined, r.drop === true, r.dropResponse === true].filter(Boolean).length
  if (effects > 1) throw invalidFaultRule(`${where} may set only one of status, drop and dropResponse.`)
  if (effects === 0 && !r.latencyMs) throw invalidFaultRule(`${where} has no effect: set latencyMs, status, drop or dropResponse.`)
  return r as unknown as FaultRule
}

/** Compiles a rule's path pattern to a RegExp over the request path. */
function compilePath(pattern: string): RegExp {
  const parts = pattern.split('/').map((segment) => {
    if (segment === '**') return '.*'
    if (segment === '*' || segment.startsWith(':')) return '[^/]+'
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  })
  let source = parts.join('/')
  // `/a/**` also matches `/a` itself.
  source = source.replace(/\/\.\*$/, '(?:/.*)?')
  return new RegExp(`^${source}$`)
}

export class Faults {
  #rules: { rule: ActiveFaultRule, path: RegExp }[] = []

  get rules(): ActiveFaultRule[] {
    return this.#rules.map(r => r.rule)
  }

  /** Replaces every rule. Throws on an invalid rule and then leaves the old rules in place. */
  set(rules: FaultRule[]): ActiveFaultRule[] {
    const validated = rules.map((rule, i) => validateRule(rule, i))
    this.#rules = validated.map(rule => ({
      rule: { ...rule, id: `fault_${nextId++}`, hits: 0 },
      path: compilePath(rule.path),
    }))
    return this.rules
  }

  clear(): void {
    this.#rules = []
  }

  remove(id: string): boolean {
    const before = this.#rules.length
    this.#rules = this.#rules.filter(r => r.rule.id !== id)
    return this.#rules.length < before
  }

  /** The first rule matching the request, counted as a hit; `times` rules retire when used up. */
  take(method: string, path: string): ActiveFaultRule | undefined {
    const pathname = path.split('?')[0]!
    const upper = method.toUpperCase()
    const entry = this.#rules.find(({ rule, path: re }) => {
      const wanted = rule.method?.toUpperCase()
      // CORS preflights are only faulted on request: a failed preflight hides the real status from the page.
      const methodOk = upper === 'OPTIONS' ? wanted === 'OPTIONS' : !wanted || wanted === '*' || wanted === upper
      return methodOk && re.test(pathname)
    })
    if (!entry) return undefined
    const { rule } = entry
    if (rule.probability !== undefined && Math.random() >= rule.probability) return undefined
    rule.hits++
    if (rule.times !== undefined && rule.hits >= rule.times) this.#rules = this.#rules.filter(r => r !== entry)
    return rule
  }
}

const CODES: Record<number, [string, string]> = {
  429: ['too_many_requests', 'Too many requests, retry later'],
  500: ['internal_clerk_error', 'Oops, an unexpected error occurred'],
  502: ['bad_gateway', 'Bad gateway'],
  503: ['service_unavailable', 'Service unavailable'],
  504: ['gateway_timeout', 'Gateway timeout'],
}

/**
 * Applies the first matching rule: delay, then drop the connection, answer with an error, or let
 * the request through (with `dropResponse`, its answer is swallowed and the socket destroyed).
 * Returns undefined to let the request continue.
 */
export async function applyFault(faults: Faults, event: H3Event, isOriginAllowed: (origin: string) => boolean = () => false): Promise<string | undefined> {
  const rule = faults.take(event.method, event.path)
  if (!rule) return undefined
  if (rule.latencyMs) await new Promise(resolve => setTimeout(resolve, rule.latencyMs))
  const { req, res } = event.node
  if (rule.drop) {
    req.socket.destroy()
    return ''
  }
  if (rule.status) {
    const [code, message] = CODES[rule.status] ?? ['injected_fault', `Injected ${rule.status}`]
    res.statusCode = rule.status
    res.setHeader('content-type', 'application/json')
    // Let a browser page (clerk-js) read the injected status instead of seeing a CORS failure.
    const origin = req.headers.origin
    if (origin && isOriginAllowed(origin)) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('access-control-allow-credentials', 'true')
      res.setHeader('vary', 'Origin')
    }
    const retryAfter = rule.retryAfter ?? (rule.status === 429 ? 1 : undefined)
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter))
    return JSON.stringify({
      errors: [{ code, message, long_message: `${message} (fault injected by the Clerk emulator).`, meta: { injected: true } }],
      clerk_trace_id: `emu_fault_${rule.id}`,
    })
  }
  if (rule.dropResponse) {
    // The handler runs to completion (writes committed), but whatever it answers never leaves.
    const swallow = () => {
      req.socket.destroy()
      return res
    }
    res.writeHead = swallow as typeof res.writeHead
    res.write = (() => {
      req.socket.destroy()
      return false
    }) as typeof res.write
    res.end = swallow as typeof res.end
  }
  return undefined
}
