import { clerkError } from './http.ts'
import type { PhoneNumberRecord, UserRecord } from './store.ts'

// What both APIs accept as a phone number, and Clerk's test numbers. Stored and compared in E.164:
// a `+`, the country code and the number, 8 to 15 digits in all (spaces, dots, dashes and
// parentheses are dropped first, so `+1 (201) 555-0100` is `+12015550100`).

const E164 = /^\+[1-9]\d{7,14}$/

/** The number in E.164, or null when it is not one. */
export function normalizePhoneNumber(value: string): string | null {
  const compact = value.trim().replace(/[\s().-]/g, '')
  return E164.test(compact) ? compact : null
}

/** The number in E.164, or Clerk's 422 naming the parameter. */
export function parsePhoneNumber(value: string, param = 'phone_number'): string {
  const phone = normalizePhoneNumber(value)
  if (!phone) throw clerkError(422, 'form_param_format_invalid', 'is invalid', `${param} must be a valid phone number according to E.164 international standard.`, { param_name: param })
  return phone
}

/** Clerk's test numbers, +1 (XXX) 555-0100 to 555-0199: their SMS code is always 424242. */
export function isTestPhoneNumber(phone: string): boolean {
  return /^\+1\d{3}55501\d{2}$/.test(phone)
}

/** A user's phone numbers (none for users stored before phone numbers existed). */
export function phoneNumbersOf(user: UserRecord): PhoneNumberRecord[] {
  return user.phone_numbers ?? []
}
