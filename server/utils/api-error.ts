import { STATUS_CODES } from 'node:http'
import { createError, type H3Event } from 'h3'
import { messages } from '#shared/messages'
import { requestLocale } from './request-locale'

export type ApiErrorCode = keyof typeof messages.ko.errors

/**
 * The one error shape of our API: h3's `{ statusCode, statusMessage, message, data }` with a stable
 * machine-readable `data.code`, so clients never parse prose. The message is the code's entry in
 * shared/messages.ts, in the caller's language (`event`'s locale cookie, else Accept-Language).
 */
export function apiError(event: H3Event, statusCode: number, code: ApiErrorCode, data: Record<string, unknown> = {}) {
  return createError({
    statusCode,
    statusMessage: STATUS_CODES[statusCode],
    message: messages[requestLocale(event)].errors[code],
    data: { code, ...data },
  })
}
