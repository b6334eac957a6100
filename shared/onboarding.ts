import * as z from 'zod/mini'
import { APPLICATION_NAME_MAX, APPLICATION_TYPE_MAX, CONTROL, FIELD_ERROR_CODES, graphemeCount, looksEmpty, type FieldErrorCode, type FieldErrorCodes } from './onboarding-fields'

export * from './onboarding-fields'

// Our Content Security Policy forbids eval; without this zod probes for it with `new Function`,
// which the browser reports as a CSP violation.
z.config({ jitless: true })

// Issue messages are codes, not prose: the browser and the server each put them into words in the
// visitor's language. Checks run in order and each adds its own issue; the first one is shown.
const requiredText = (max: number) =>
  z.string({ error: 'not_string' }).check(
    z.trim(),
    z.refine(value => !looksEmpty(value), { error: 'required' }),
    z.refine(value => !CONTROL.test(value), { error: 'invalid_characters' }),
    z.refine(value => graphemeCount(value) <= max, { error: 'too_long' }),
  )

/** The onboarding form's body: one schema for the browser form and `POST /api/complete-onboarding`. */
export const onboardingSchema = z.object({
  applicationName: requiredText(APPLICATION_NAME_MAX),
  applicationType: requiredText(APPLICATION_TYPE_MAX),
})

export function fieldErrorCodesOf(error: z.core.$ZodError): FieldErrorCodes {
  const codes: FieldErrorCodes = {}
  for (const issue of error.issues) {
    const key = issue.path[0]
    if ((key === 'applicationName' || key === 'applicationType') && !codes[key]) {
      const code = issue.message as FieldErrorCode
      codes[key] = FIELD_ERROR_CODES.includes(code) ? code : 'not_string'
    }
  }
  return codes
}
