// The onboarding fields' limits, rules and messages, without the schema library: the browser
// loads the zod schema (shared/onboarding.ts) only when the form is on screen.
import { format, koreanParticles, messages, type Locale } from './messages'

/** Limits shared by the form, the API route and the tests, in user-perceived characters (graphemes). */
export const APPLICATION_NAME_MAX = 100
export const APPLICATION_TYPE_MAX = 50

export const FIELD_LIMITS = { applicationName: APPLICATION_NAME_MAX, applicationType: APPLICATION_TYPE_MAX } as const
export type OnboardingField = keyof typeof FIELD_LIMITS
/** The onboarding form's body, as the schema (shared/onboarding.ts) returns it: trimmed. */
export type OnboardingInput = Record<OnboardingField, string>

/** Stable reasons a field is rejected; the words for them live in shared/messages.ts. */
export type FieldErrorCode = 'required' | 'too_long' | 'not_string' | 'invalid_characters'
export const FIELD_ERROR_CODES: readonly FieldErrorCode[] = ['required', 'too_long', 'not_string', 'invalid_characters']

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

export type FieldErrorCodes = Partial<Record<OnboardingField, FieldErrorCode>>
/** Field name -> message, as the form shows it and the API returns it in `data.fields`. */
export type FieldErrors = Partial<Record<OnboardingField, string>>

export function fieldMessage(field: OnboardingField, code: FieldErrorCode, locale: Locale): string {
  const words = messages[locale]
  const noun = words.fields[field].noun
  return format(words.validation[code], { field: noun, ...koreanParticles(noun), max: FIELD_LIMITS[field] })
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
