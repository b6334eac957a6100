import { STATUS_CODES } from 'node:http'
import { createError } from 'h3'

/**
 * The one error shape of our API: h3's `{ statusCode, statusMessage, message, data }` with a stable
 * machine-readable `data.code` (and `data.fields` for validation errors), so clients never parse prose.
 */
export function apiError(statusCode: number, code: string, message: string, data: Record<string, unknown> = {}) {
  return createError({ statusCode, statusMessage: STATUS_CODES[statusCode], message, data: { code, ...data } })
}
