import type { H3Event } from 'h3'

// Stub written by the lead; the Backend API helper owns and completes fault injection.

export interface FaultRule {
  method?: string
  /** Matched against the path (including the /bapi or /fapi prefix); a string is a prefix. */
  path: string
  latencyMs?: number
  status?: number
  retryAfter?: number
  drop?: boolean
  /** How many requests it applies to; unlimited when absent. */
  times?: number
}

export class Faults {
  rules: FaultRule[] = []

  set(rules: FaultRule[]): void {
    this.rules = rules
  }

  clear(): void {
    this.rules = []
  }

  match(event: H3Event): FaultRule | undefined {
    const method = event.method
    return this.rules.find(rule => (!rule.method || rule.method === method) && event.path.startsWith(rule.path))
  }
}

/** Applies the first matching rule: delay, then drop the connection or answer with an error. */
export async function applyFault(faults: Faults, event: H3Event): Promise<string | undefined> {
  const rule = faults.match(event)
  if (!rule) return undefined
  if (rule.times !== undefined) {
    rule.times -= 1
    if (rule.times <= 0) faults.rules = faults.rules.filter(r => r !== rule)
  }
  if (rule.latencyMs) await new Promise(resolve => setTimeout(resolve, rule.latencyMs))
  if (rule.drop) {
    event.node.req.socket.destroy()
    return ''
  }
  if (rule.status) {
    event.node.res.statusCode = rule.status
    event.node.res.setHeader('content-type', 'application/json')
    if (rule.retryAfter !== undefined) event.node.res.setHeader('retry-after', String(rule.retryAfter))
    return JSON.stringify({ errors: [{ code: 'injected_fault', message: `Injected ${rule.status}`, long_message: 'Fault injected by the Clerk emulator.', meta: {} }] })
  }
  return undefined
}
