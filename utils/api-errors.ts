import type { FieldErrors } from '#shared/onboarding'

/** The body our API sends with every error (server/utils/api-error.ts). */
interface ApiErrorBody {
  statusCode?: number
  message?: string
  data?: { code?: string, fields?: FieldErrors }
}

function bodyOf(error: unknown): ApiErrorBody | undefined {
  return (error as { data?: ApiErrorBody })?.data
}

/** Field messages from a 400, to show next to the inputs. */
export function fieldErrorsFromApi(error: unknown): FieldErrors {
  return bodyOf(error)?.data?.fields ?? {}
}

/** One sentence for the form's error banner; network failures get a retry hint too. */
export function messageFromApi(error: unknown): string {
  const body = bodyOf(error)
  if (body?.message && body.statusCode) return body.message
  return '서버에 연결하지 못했습니다. 네트워크를 확인하고 다시 시도해주세요.'
}
