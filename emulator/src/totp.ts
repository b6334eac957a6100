import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// Time-based one-time passwords as Clerk's authenticator-app factor uses them (RFC 6238 over
// RFC 4226): HMAC-SHA1, 30-second steps, 6 digits, base32 secrets of 20 random bytes.

const TOTP_PERIOD_SECONDS = 30
const TOTP_DIGITS = 6
/** Steps either side of now a code may come from, for phones whose clock drifts. */
const TOTP_SKEW_STEPS = 1

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let value = 0
  let bits = 0
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out
}

/** The bytes of a base32 secret (either case, spaces and `=` padding ignored); null if it is not one. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase()
  if (!clean) return null
  const out: number[] = []
  let value = 0
  let bits = 0
  for (const char of clean) {
    const index = BASE32.indexOf(char)
    if (index < 0) return null
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/** A new secret: 160 random bits, base32 (32 characters, no padding), as Clerk hands out. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20))
}

/** RFC 4226: the code for one counter value. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', key).update(message).digest()
  const offset = mac[mac.length - 1]! & 15
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

function step(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS)
}

/** The code an authenticator app shows for `secret` at `now` (ms since the epoch). */
export function totpCode(secret: string, now = Date.now()): string {
  const key = base32Decode(secret)
  if (!key) throw new Error('The TOTP secret is not base32.')
  return hotp(key, step(now))
}

/** Whether `code` is the secret's code for now, or for one step either side. */
export function verifyTotp(secret: string, code: string, now = Date.now()): boolean {
  const key = base32Decode(secret)
  const given = Buffer.from(code.trim())
  if (!key || !/^\d{6}$/.test(code.trim())) return false
  let match = false
  for (let delta = -TOTP_SKEW_STEPS; delta <= TOTP_SKEW_STEPS; delta++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step(now) + delta)), given)) match = true
  }
  return match
}

/**
 * The otpauth URI an authenticator app scans, shaped as Clerk's: label `<issuer>:<account>`,
 * then algorithm, digits, issuer, period and secret as query parameters.
 */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  // Go's url.PathEscape, which Clerk's label follows: only unreserved characters and `@:$&+,;=` stay.
  const label = `${issuer}:${account}`.replace(/[^\w.~@:$&+,;=-]/gu, c => encodeURIComponent(c).replace(/[!'()*]/g, ch => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
  const query = new URLSearchParams({ algorithm: 'SHA1', digits: String(TOTP_DIGITS), issuer, period: String(TOTP_PERIOD_SECONDS), secret })
  return `otpauth://totp/${label}?${query}`
}
