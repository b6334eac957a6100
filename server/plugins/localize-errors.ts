import { H3Error } from 'h3'
import { messages } from '#shared/messages'
import { fieldMessages, type FieldErrorCodes } from '#shared/onboarding'

/**
 * Puts API error messages into the caller's language. Handlers throw `apiError(status, code, ...)`
 * with a stable code; this hook runs synchronously before the error is rendered (Nitro calls
 * `error` hooks ahead of its error handler), so the JSON carries words the user can read while
 * `data.code` stays the same in every language.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('error', (error, { event }) => {
    if (!event || !(error instanceof H3Error)) return
    const data = error.data as { code?: string, fieldCodes?: FieldErrorCodes, fields?: unknown } | undefined
    if (!data?.code) return
    const locale = requestLocale(event)
    const words = messages[locale].errors as Record<string, string>
    if (words[data.code]) error.message = words[data.code]!
    if (data.fieldCodes) data.fields = fieldMessages(data.fieldCodes, locale)
  })
})
