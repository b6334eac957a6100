import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { isCommonPassword } from './common-passwords.ts'
import { clerkError } from './http.ts'
import type { PasswordSettings } from './instance-config.ts'

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>

// N=2^14 keeps a sign-in under ~50 ms on a small machine while staying a real KDF.
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

/**
 * The one rule for every API that accepts a new password: its length as the instance's settings
 * allow (counted in bytes above, as bcrypt does), and with "Reject compromised passwords" not one
 * of common-passwords.ts (Clerk's answer to a breached password). `param` names the form field.
 */
export function assertNewPassword(password: string, settings: PasswordSettings, param = 'password'): void {
  if (password.length < settings.minLength) {
    const message = `Passwords must be ${settings.minLength} characters or more.`
    throw clerkError(422, 'form_password_length_too_short', message, message, { param_name: param })
  }
  if (Buffer.byteLength(password) > settings.maxLength) {
    const message = `Passwords must be ${settings.maxLength} characters or less.`
    throw clerkError(422, 'form_password_length_too_long', message, message, { param_name: param })
  }
  if (settings.rejectCompromised && isCommonPassword(password)) {
    const message = 'Password has been found in an online data breach. For account safety, please use a different password.'
    throw clerkError(422, 'form_password_pwned', message, message, { param_name: param })
  }
}

/** Returns `scrypt$N$r$p$salt$hash` (base64url); the clear password is never stored. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(password, salt, 32, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  })
  return timingSafeEqual(expected, actual)
}
