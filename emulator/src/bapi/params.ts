import { clerkError } from '../http.ts'
import type { InstanceConfig } from '../instance-config.ts'
import { isTotpSecret, offersSecondFactor, type PresetSecondFactors } from '../mfa.ts'
import type { Metadata } from '../store.ts'
import { isPlainObject } from './metadata.ts'

// Body-field readers for JSON bodies from @clerk/backend; a wrong type is a 422 naming the field.

type Body = Record<string, unknown>

function invalid(name: string, expected: string) {
  return clerkError(422, 'form_param_format_invalid', `${name} is invalid`, `${name} must be ${expected}.`, { param_name: name })
}

/** `undefined` when absent, `null` when explicitly null (Clerk clears nullable fields with null). */
export function nullableString(body: Body, name: string): string | null | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string') throw invalid(name, 'a string')
  return value
}

export function optionalBool(body: Body, name: string): boolean | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'false') return value === 'true'
  throw invalid(name, 'a boolean')
}

export function optionalInt(body: Body, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw invalid(name, `an integer between ${min} and ${max}`)
  return n
}

/** A string or list of strings (Clerk accepts both for `email_address`). */
export function stringList(body: Body, name: string): string[] {
  const value = body[name]
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  if (!list.every(item => typeof item === 'string')) throw invalid(name, 'a list of strings')
  return list as string[]
}

/** A metadata object; `null` is reported as null so callers can apply their own semantics. */
export function metadataParam(body: Body, name: string): Metadata | null | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (value === null) return null
  if (!isPlainObject(value)) throw invalid(name, 'a JSON object')
  return value
}

function notOffered(name: string, what: string) {
  return clerkError(422, 'form_param_value_invalid', `${name} is invalid`, `${name} needs ${what} to be a second factor of this instance (start the emulator with --mfa on).`, { param_name: name })
}

/** `totp_secret` and `backup_codes` (user create and update): second factors the instance offers, set up without the user. */
export function secondFactorParams(config: InstanceConfig, body: Body): PresetSecondFactors {
  const totpSecret = nullableString(body, 'totp_secret') ?? undefined
  const backupCodes = body.backup_codes === undefined || body.backup_codes === null ? undefined : stringList(body, 'backup_codes')
  if (totpSecret !== undefined) {
    if (!offersSecondFactor(config, 'totp')) throw notOffered('totp_secret', 'an authenticator app')
    if (!isTotpSecret(totpSecret)) throw invalid('totp_secret', 'a base32 secret (SHA1, 30 seconds, 6 digits)')
  }
  if (backupCodes !== undefined) {
    if (!offersSecondFactor(config, 'backup_code')) throw notOffered('backup_codes', 'backup codes')
    if (backupCodes.length === 0 || backupCodes.some(code => !code.trim())) throw invalid('backup_codes', 'a list of non-empty codes')
  }
  return { totpSecret, backupCodes }
}
