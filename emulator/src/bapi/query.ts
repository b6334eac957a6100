import { getQuery, type H3Event } from 'h3'
import { clerkError } from '../http.ts'

// Query-string readers with Clerk's validation errors (422 `form_param_format_invalid`).

/** Repeated keys (`email_address=a&email_address=b`) and `name[]` forms both become a list. */
export function queryList(event: H3Event, name: string): string[] {
  const query = getQuery(event)
  const values = [query[name], query[`${name}[]`]].flat().filter(v => v !== undefined && v !== null)
  return values.map(String).filter(v => v !== '')
}

export function queryString(event: H3Event, name: string): string | undefined {
  const values = queryList(event, name)
  return values[0]
}

export function queryInt(event: H3Event, name: string, opts: { default: number, min: number, max?: number }): number {
  const raw = queryString(event, name)
  if (raw === undefined) return opts.default
  const value = Number(raw)
  if (!/^-?\d+$/.test(raw) || value < opts.min || (opts.max !== undefined && value > opts.max)) {
    const range = opts.max === undefined ? `at least ${opts.min}` : `between ${opts.min} and ${opts.max}`
    throw clerkError(422, 'form_param_format_invalid', `${name} is invalid`, `${name} must be an integer ${range}.`, { param_name: name })
  }
  return value
}

export function queryBool(event: H3Event, name: string): boolean | undefined {
  const raw = queryString(event, name)
  if (raw === undefined) return undefined
  return raw === 'true' || raw === '1'
}

/** `limit`/`offset` as Clerk validates them: limit 1..500 (default 10), offset >= 0. */
export function pagination(event: H3Event): { limit: number, offset: number } {
  return {
    limit: queryInt(event, 'limit', { default: 10, min: 1, max: 500 }),
    offset: queryInt(event, 'offset', { default: 0, min: 0 }),
  }
}
