import { STATUS_CODES } from 'node:http'
import { createError } from 'h3'
import { DEFAULT_LOCALE, messages, type Locale } from '#shared/messages'
import { requestLocale } from './request-locale'

export type ApiErrorCode = keyof typeof messages.ko.errors

/** The language of the request being handled (Nitro's async context, `useEvent`), Korean outside one. */
function callerLocale(): Locale {
  try {
    return requestLocale(useEvent())
  }
  catch {
    return DEFAULT_LOCALE
  }
}

/**
 * The one error shape of our API: h3's `{ statusCode, statusMessage, message, data }` with a stable
 * machine-readable `data.code`, so clients never parse prose. The message is the code's entry in
 * shared/messages.ts, in the caller's language.
 */
export function apiError(statusCode: number, code: ApiErrorCode, data: Record<string, unknown> = {}) {
  return createError({
    statusCode,
    statusMessage: STATUS_CODES[statusCode],
    message: messages[callerLocale()].errors[code],
    data: { code, ...data },
  })
}
