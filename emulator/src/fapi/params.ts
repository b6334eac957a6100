import { optionalString } from '../http.ts'
import type { Metadata } from '../store.ts'
import { fapiErrors } from './errors.ts'
import { normalizeEmailAddress } from '../email-addresses.ts'
import type { PasswordSettings } from '../instance-config.ts'
import { assertNewPassword } from '../passwords.ts'

// Validation of the form fields sign-up, sign-in and /v1/me accept, with Clerk's error codes.

const NAME_MAX = 256

export function emailParam(body: Record<string, unknown>, name = 'email_address'): string | undefined {
  const value = optionalString(body, name)
  if (value === undefined) return undefined
  const email = normalizeEmailAddress(value)
  if (!email) throw fapiErrors.emailInvalid()
  return email
}

/** A new password, held to the instance's password settings. */
export function passwordParam(body: Record<string, unknown>, settings: PasswordSettings, name = 'password'): string | undefined {
  const value = optionalString(body, name)
  if (value === undefined) return undefined
  assertNewPassword(value, settings, name)
  return value
}

/** A name field; an empty string clears it (null), absence leaves it unchanged (undefined). */
export function nameParam(body: Record<string, unknown>, name: string): string | null | undefined {
  if (!(name in body)) return undefined
  const value = body[name]
  if (value === null || value === '') return null
  if (typeof value !== 'string') throw fapiErrors.paramInvalid(name, `${name} must be a string.`)
  const trimmed = value.trim()
  if (trimmed.length > NAME_MAX) throw fapiErrors.paramInvalid(name, `${name} must be at most ${NAME_MAX} characters.`)
  return trimmed || null
}

/** clerk-js sends metadata as a JSON string inside the form body; it must decode to an object. */
export function metadataParam(body: Record<string, unknown>, name: string): Metadata | undefined {
  const value = body[name]
  if (value === undefined || value === null || value === '') return undefined
  let parsed: unknown = value
  if (typeof value === 'string') {
    try { parsed = JSON.parse(value) }
    catch { throw fapiErrors.paramInvalid(name, `${name} must be a JSON object.`) }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fapiErrors.paramInvalid(name, `${name} must be a JSON object.`)
  if (JSON.stringify(parsed).length > 8 * 1024) throw fapiErrors.paramInvalid(name, `${name} must be at most 8KB.`)
  return parsed as Metadata
}

export function strategyParam(body: Record<string, unknown>): string | undefined {
  return optionalString(body, 'strategy')
}

// A BCP 47 tag as browsers write them (ko-KR, en, zh-Hant-TW); bounded so it cannot fill the store.
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,4}$/i

/** The browser's language clerk-js sends with a sign-up; absent or empty leaves it unset. */
export function localeParam(body: Record<string, unknown>): string | undefined {
  const value = optionalString(body, 'locale')
  if (!value) return undefined
  if (!LOCALE.test(value)) throw fapiErrors.paramInvalid('locale', 'locale must be a BCP 47 language tag, like en-US.')
  return value
}
