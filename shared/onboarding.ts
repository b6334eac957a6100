import * as z from 'zod/mini'
import { CONTROL, FIELD_ERROR_CODES, FIELD_NAMES, graphemeCount, looksEmpty, ONBOARDING_FIELDS, specOf, type FieldErrorCode, type FieldErrorCodes, type FieldSpec, type OnboardingField } from './onboarding-fields'

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

// The form sends digits as typed, a script may send a JSON number: both parse to the number.
function toWholeNumber(input: number | string): number | FieldErrorCode {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? input : 'not_number'
  const text = input.trim()
  if (looksEmpty(text)) return 'required'
  return /^-?\d{1,15}$/.test(text) ? Number(text) : 'not_number'
}

const wholeNumber = (min: number, max: number) =>
  z.pipe(z.union([z.number(), z.string()], { error: 'not_number' }), z.transform((input, context) => {
    const value = toWholeNumber(input)
    const code = typeof value === 'string' ? value : value < min || value > max ? 'out_of_range' : undefined
    if (code) context.issues.push({ code: 'custom', message: code, input })
    return value as number
  }))

type SchemaOf<Spec> = Spec extends { kind: 'number' } ? ReturnType<typeof wholeNumber> : ReturnType<typeof requiredText>
/** The schema of one field, by its kind and limits. */
export const fieldSchema = (spec: FieldSpec) => (spec.kind === 'number' ? wholeNumber(spec.min, spec.max) : requiredText(spec.max))

/** The onboarding form's body: one schema for the browser form and `POST /api/complete-onboarding`. */
export const onboardingSchema = z.object(
  Object.fromEntries(FIELD_NAMES.map(field => [field, fieldSchema(specOf(field))])) as { [Field in OnboardingField]: SchemaOf<typeof ONBOARDING_FIELDS[Field]> },
)

export function fieldErrorCodesOf(error: z.core.$ZodError): FieldErrorCodes {
  const codes: FieldErrorCodes = {}
  for (const issue of error.issues) {
    const key = issue.path[0]
    if (typeof key === 'string' && Object.hasOwn(ONBOARDING_FIELDS, key) && !codes[key as OnboardingField]) {
      const code = issue.message as FieldErrorCode
      const field = key as OnboardingField
      codes[field] = FIELD_ERROR_CODES.includes(code) ? code : specOf(field).kind === 'number' ? 'not_number' : 'not_string'
    }
  }
  return codes
}
