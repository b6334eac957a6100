// The onboarding fields' table, limits, rules and messages, without the schema library: the browser
// loads the zod schema (shared/onboarding.ts) only when the form is on screen.
import { format, koreanParticles, messages, type Locale } from './messages'

/** Free text, trimmed, 1 to `max` user-perceived characters (graphemes), no control characters. */
interface TextField { kind: 'text', max: number, dashboard: boolean }
/** A whole number from `min` to `max`; the form takes it as digits, the API as a JSON number or digits. */
interface NumberField { kind: 'number', min: number, max: number, dashboard: boolean }
export type FieldSpec = TextField | NumberField

/**
 * Every onboarding field, in the form's order: the schema, the form, the dashboard (where
 * `dashboard` is true), `GET /api/onboarding-status` and the session claims' type follow from it.
 * A field's words (label, noun, help) live under `fields` in shared/messages.ts, once per language.
 */
export const ONBOARDING_FIELDS = {
  applicationName: { kind: 'text', max: 100, dashboard: true },
  applicationType: { kind: 'text', max: 50, dashboard: true },
} as const satisfies Record<string, FieldSpec>

export type OnboardingField = keyof typeof ONBOARDING_FIELDS
export const FIELD_NAMES = Object.keys(ONBOARDING_FIELDS) as OnboardingField[]
/** A field's row, widened to every kind, so code that handles each kind compiles before a fork uses it. */
export const specOf = (field: OnboardingField): FieldSpec => ONBOARDING_FIELDS[field]

type ValueOf<Spec> = Spec extends { kind: 'number' } ? number : string
/** The saved values, as the schema returns them and public metadata holds them. */
export type OnboardingValues = { [Field in OnboardingField]: ValueOf<typeof ONBOARDING_FIELDS[Field]> }
/** What the form holds: each field as the person typed it. */
export type OnboardingInput = Record<OnboardingField, string>

/** Stable reasons a field is rejected; the words for them live in shared/messages.ts. */
export type FieldErrorCode = 'required' | 'too_long' | 'not_string' | 'invalid_characters' | 'not_number' | 'out_of_range'
export const FIELD_ERROR_CODES: readonly FieldErrorCode[] = ['required', 'too_long', 'not_string', 'invalid_characters', 'not_number', 'out_of_range']

// Made on first use: building ICU's segmenter takes about 20 ms, which every page importing this
// file (the dashboard's server render included) would otherwise pay at load.
let graphemes: Intl.Segmenter | undefined

/** What a person sees as characters: 👨‍👩‍👧‍👦 is one, although it is 7 code points and 11 UTF-16 units. */
export function graphemeCount(value: string): number {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  let count = 0
  for (const _ of graphemes.segment(value)) count++
  return count
}

// Characters that render as nothing: whitespace, and Unicode's default-ignorable set, which holds
// zero-width characters, bidi controls, the BOM, variation selectors and the Hangul fillers
// (U+115F, U+1160, U+3164, U+FFA0); U+2800 (braille blank) is listed as it renders empty too.
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\u2800]/gu
// C0 and C1 controls and DEL: never part of a name, and a newline would break log lines and headers.
export const CONTROL = /\p{Cc}/u

/** True when nothing would be visible: empty, or only whitespace and invisible characters. */
export function looksEmpty(value: string): boolean {
  return value.replace(INVISIBLE, '').length === 0
}

/** True when the value is what the field stores: a string for text, a whole number in range for a number. */
export function isFieldValue(field: OnboardingField, value: unknown): boolean {
  const spec = specOf(field)
  if (spec.kind === 'text') return typeof value === 'string'
  return Number.isSafeInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max
}

export type StoredValues = { [Field in OnboardingField]: OnboardingValues[Field] | null }

/** Each field's value from stored metadata (a session claim, Clerk's user), or null when missing or malformed. */
export function fieldValuesOf(metadata: object | undefined): StoredValues {
  const stored = (metadata ?? {}) as Record<string, unknown>
  return Object.fromEntries(FIELD_NAMES.map(field => [field, isFieldValue(field, stored[field]) ? stored[field] : null])) as StoredValues
}

export type FieldErrorCodes = Partial<Record<OnboardingField, FieldErrorCode>>
/** Field name -> message, as the form shows it and the API returns it in `data.fields`. */
export type FieldErrors = Partial<Record<OnboardingField, string>>

export function fieldMessage(field: OnboardingField, code: FieldErrorCode, locale: Locale): string {
  const words = messages[locale]
  const noun = words.fields[field].noun
  const spec = specOf(field)
  const number = new Intl.NumberFormat(locale)
  const limits = { max: number.format(spec.max), ...(spec.kind === 'number' && { min: number.format(spec.min) }) }
  return format(words.validation[code], { field: noun, ...koreanParticles(noun), ...limits })
}

export function fieldMessages(codes: FieldErrorCodes, locale: Locale): FieldErrors {
  const out: FieldErrors = {}
  for (const [field, code] of Object.entries(codes) as Array<[OnboardingField, FieldErrorCode]>) {
    out[field] = fieldMessage(field, code, locale)
  }
  return out
}

/** What onboarding writes into Clerk's public metadata (merged, never replacing other keys). */
export type OnboardingMetadata = OnboardingValues & { onboardingComplete: true }
