import { getHeader, readRawBody, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { randomBase62 } from './ids.ts'

/** One entry of Clerk's error envelope `{ errors: [...] }`. */
export interface ClerkErrorEntry {
  code: string
  message: string
  long_message?: string
  meta?: Record<string, unknown>
}

/** Thrown by handlers; turned into Clerk's error envelope by `clerkHandler`. */
export class ClerkHttpError extends Error {
  readonly status: number
  readonly errors: ClerkErrorEntry[]
  readonly headers: Record<string, string>

  constructor(status: number, errors: ClerkErrorEntry | ClerkErrorEntry[], headers: Record<string, string> = {}) {
    const list = Array.isArray(errors) ? errors : [errors]
    super(list[0]?.message ?? 'error')
    this.status = status
    this.errors = list
    this.headers = headers
  }
}

export function clerkError(status: number, code: string, message: string, longMessage?: string, meta?: Record<string, unknown>): ClerkHttpError {
  return new ClerkHttpError(status, { code, message, long_message: longMessage ?? message, meta: meta ?? {} })
}

export const notFound = (what = 'resource') =>
  clerkError(404, 'resource_not_found', 'not found', `The requested ${what} was not found.`)

/**
 * JSON with `Content-Type: application/json` exactly: @clerk/backend parses a body only for that
 * header value, `; charset=utf-8` included makes it treat the body as text.
 */
export function sendJson(event: H3Event, body: unknown, status = 200): string {
  setResponseStatus(event, status)
  setResponseHeader(event, 'content-type', 'application/json')
  return JSON.stringify(body)
}

/** `meta` is the envelope's own (the Frontend API puts the caller's client there), beside each error's. */
export function sendClerkError(event: H3Event, error: ClerkHttpError, meta?: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(error.headers)) setResponseHeader(event, name, value)
  // A string, as Clerk's schema types it; @clerk/backend copies it onto the error it throws.
  return sendJson(event, { errors: error.errors, ...(meta ? { meta } : {}), clerk_trace_id: `emu_${randomBase62(16)}` }, error.status)
}

export const BODY_LIMIT_BYTES = 64 * 1024

/**
 * Reads a JSON or form-urlencoded body (clerk-js sends forms, @clerk/backend JSON) as a plain
 * object. Malformed or oversized bodies become Clerk-shaped 4xx errors, never exceptions.
 */
export async function readClerkBody(event: H3Event, limit = BODY_LIMIT_BYTES, allowList = false): Promise<Record<string, unknown>> {
  const declared = Number(getHeader(event, 'content-length') ?? 0)
  if (declared > limit) throw clerkError(413, 'request_body_too_large', 'Request body too large', `Request bodies are limited to ${limit} bytes.`)
  const raw = await readRawBody(event, false)
  if (!raw || raw.length === 0) return {}
  if (raw.length > limit) throw clerkError(413, 'request_body_too_large', 'Request body too large', `Request bodies are limited to ${limit} bytes.`)
  const text = raw.toString('utf8')
  const type = (getHeader(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json') {
    let parsed: unknown
    try { parsed = JSON.parse(text) }
    catch { throw clerkError(400, 'malformed_request_body', 'Malformed JSON', 'The request body is not valid JSON.') }
    if (!parsed || typeof parsed !== 'object' || (Array.isArray(parsed) && !allowList)) {
      throw clerkError(422, 'form_param_format_invalid', 'is invalid', 'The request body must be a JSON object.')
    }
    return parsed as Record<string, unknown>
  }
  // Form bodies: repeated keys become arrays; everything else is a string, as Clerk reads them.
  const out: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key]
    if (existing === undefined) out[key] = value
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return out
}

/** A JSON array of objects (`POST …/invitations/bulk`), non-empty; anything else is a 422. */
export async function readClerkList(event: H3Event): Promise<Record<string, unknown>[]> {
  const body: unknown = await readClerkBody(event, BODY_LIMIT_BYTES, true)
  if (!Array.isArray(body) || body.length === 0 || !body.every(item => item && typeof item === 'object' && !Array.isArray(item))) {
    throw clerkError(422, 'form_param_format_invalid', 'is invalid', 'The request body must be a non-empty JSON array of objects.')
  }
  return body as Record<string, unknown>[]
}

/** A body field as an optional string; anything else is a 422 naming the parameter. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') {
    throw clerkError(422, 'form_param_format_invalid', `${name} must be a string`, `${name} must be a string.`, { param_name: name })
  }
  return value
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = optionalString(body, name)
  if (value === undefined) {
    throw clerkError(422, 'form_param_missing', `${name} must be included.`, `${name} must be included.`, { param_name: name })
  }
  return value
}

/** Wraps a route so thrown ClerkHttpErrors (and surprises) leave as Clerk's error envelope. */
export function clerkHandler(fn: (event: H3Event) => unknown) {
  return async (event: H3Event) => {
    try {
      return await fn(event)
    }
    catch (error) {
      if (error instanceof ClerkHttpError) return sendClerkError(event, error)
      console.error('[clerk-emulator] unexpected error', error)
      return sendClerkError(event, clerkError(500, 'internal_clerk_error', 'Oops, an unexpected error occurred', 'The emulator hit an unexpected error; see its log.'))
    }
  }
}
