import { getRouterParam, readRawBody, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { invalidFaultRule, type FaultRule } from '../faults.ts'
import { BODY_LIMIT_BYTES, clerkError, clerkHandler, sendJson } from '../http.ts'

/** `/__emulator/faults`: GET lists, POST replaces (`{ rules: [...] }`, an array, or one rule), DELETE clears. */
export function registerFaultRoutes(router: Router, ctx: EmulatorContext): void {
  router.get('/faults', clerkHandler(event => sendJson(event, { rules: ctx.faults.rules })))
  router.post('/faults', clerkHandler(async (event: H3Event) => {
    const body = await readJsonAny(event)
    if (body === null || typeof body !== 'object') throw invalidFaultRule('Send { "rules": [...] }, a list of rules, or one rule.')
    const list = Array.isArray(body) ? body : Array.isArray((body as { rules?: unknown }).rules) ? (body as { rules: unknown[] }).rules : [body]
    const rules = ctx.faults.set(list as FaultRule[])
    ctx.log('faults set', { rules: rules.length })
    return sendJson(event, { rules })
  }))
  router.delete('/faults', clerkHandler((event) => {
    ctx.faults.clear()
    return sendJson(event, { rules: [] })
  }))
  router.delete('/faults/:id', clerkHandler((event) => {
    const id = getRouterParam(event, 'id') ?? ''
    if (!ctx.faults.remove(id)) throw clerkError(404, 'resource_not_found', 'not found', `No fault rule ${id}.`)
    return sendJson(event, { rules: ctx.faults.rules })
  }))
}

/** Like readClerkBody but JSON only and arrays allowed: the rules may come as a bare list. */
async function readJsonAny(event: H3Event): Promise<unknown> {
  const type = (event.node.req.headers['content-type'] ?? '').split(';')[0]!.trim()
  if (type !== 'application/json') throw clerkError(415, 'unsupported_media_type', 'Send JSON', 'POST /__emulator/faults takes an application/json body.')
  const raw = await readRawBody(event, false)
  if (raw && raw.length > BODY_LIMIT_BYTES) throw clerkError(413, 'request_body_too_large', 'Request body too large', `Request bodies are limited to ${BODY_LIMIT_BYTES} bytes.`)
  try {
    return JSON.parse(raw?.toString('utf8') || 'null')
  }
  catch {
    throw clerkError(400, 'malformed_request_body', 'Malformed JSON', 'The request body is not valid JSON.')
  }
}
