import type { FieldErrorCodes } from '#shared/onboarding'

/** The body our API sends with every error (server/utils/api-error.ts). */
interface ApiErrorBody {
  statusCode?: number
  message?: string
  data?: { code?: string, fieldCodes?: FieldErrorCodes }
}

function bodyOf(error: unknown): ApiErrorBody | undefined {
  const data = (error as { data?: unknown })?.data
  return data && typeof data === 'object' ? data as ApiErrorBody : undefined
}

/** The HTTP status of an API error, or undefined when no answer came. */
export function apiErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode
  return typeof status === 'number' ? status : undefined
}

/** The stable error code (`validation_failed`, `clerk_unavailable`, ...), or `network` when no answer came. */
export function apiErrorCode(error: unknown): string {
  return bodyOf(error)?.data?.code ?? 'network'
}

/** Field error codes from a 400, to show next to the inputs in the page's language. */
export function fieldCodesFromApi(error: unknown): FieldErrorCodes {
  return bodyOf(error)?.data?.fieldCodes ?? {}
}

/** The server's own words, for codes the page has no translation of. */
export function apiErrorMessage(error: unknown): string | undefined {
  return bodyOf(error)?.message
}
