import { z } from 'zod'
import { format, messages, type Locale } from './messages'

// Our Content Security Policy forbids eval; without this zod probes for it with `new Function`,
// which the browser reports as a CSP violation.
z.config({ jitless: true })

/** Limits shared by the form, the API route and the tests. */
export const APPLICATION_NAME_MAX = 100
export const APPLICATION_TYPE_MAX = 50

export const FIELD_LIMITS = { applicationName: APPLICATION_NAME_MAX, applicationType: APPLICATION_TYPE_MAX } as const
export type OnboardingField = keyof typeof FIELD_LIMITS

/** Stable reasons a field is rejected; the words for them live in shared/messages.ts. */
export type FieldErrorCode = 'required' | 'too_long' | 'not_string'

// Issue messages are codes, not prose: the browser and the server each put them into words in the
// visitor's language.
const requiredText = (max: number) =>
  z.string({ error: 'not_string' })
    .trim()
    .min(1, { error: 'required' })
    .max(max, { error: 'too_long' })

/** The onboarding form's body: one schema for the browser form and `POST /api/complete-onboarding`. */
export const onboardingSchema = z.object({
  applicationName: requiredText(APPLICATION_NAME_MAX),
  applicationType: requiredText(APPLICATION_TYPE_MAX),
})

export type OnboardingInput = z.infer<typeof onboardingSchema>

export type FieldErrorCodes = Partial<Record<OnboardingField, FieldErrorCode>>
/** Field name -> message, as the form shows it and the API returns it in `data.fields`. */
export type FieldErrors = Partial<Record<OnboardingField, string>>

export function fieldErrorCodesOf(error: z.ZodError): FieldErrorCodes {
  const codes: FieldErrorCodes = {}
  for (const issue of error.issues) {
    const key = issue.path[0]
    if ((key === 'applicationName' || key === 'applicationType') && !codes[key]) {
      const code = issue.message as FieldErrorCode
      codes[key] = code === 'required' || code === 'too_long' ? code : 'not_string'
    }
  }
  return codes
}

export function fieldMessage(field: OnboardingField, code: FieldErrorCode, locale: Locale): string {
  const words = messages[locale]
  return format(words.validation[code], { field: words.fields[field].noun, max: FIELD_LIMITS[field] })
}

export function fieldMessages(codes: FieldErrorCodes, locale: Locale): FieldErrors {
  const out: FieldErrors = {}
  for (const [field, code] of Object.entries(codes) as Array<[OnboardingField, FieldErrorCode]>) {
    out[field] = fieldMessage(field, code, locale)
  }
  return out
}

/** What onboarding writes into Clerk's public metadata (merged, never replacing other keys). */
export interface OnboardingMetadata extends OnboardingInput {
  onboardingComplete: true
}
