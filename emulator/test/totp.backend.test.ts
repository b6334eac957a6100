import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totpCode, verifyTotp } from '../src/totp.ts'

// The authenticator-app codes: RFC 6238's own test vectors, the one-step window either side of
// now, and the otpauth URI in the shape Clerk hands out.

// RFC 6238 appendix B: the SHA1 key is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890')
const RFC_SECRET = base32Encode(RFC_KEY)
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
  [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
]

describe('TOTP (RFC 6238, HMAC-SHA1, 30 s, 6 digits)', () => {
  it('gives RFC 6238\'s SHA1 test vectors', () => {
    for (const [seconds, code] of RFC_VECTORS) {
      expect(hotp(RFC_KEY, Math.floor(seconds / 30), 8)).toBe(code)
      // Six digits are the last six of the eight (the same truncation, modulo 10^6).
      expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(2))
    }
  })

  it('accepts the code of this step and of one step either side, and nothing further', () => {
    const now = 1_700_000_000_000
    const at = (steps: number) => totpCode(RFC_SECRET, now + steps * 30_000)
    for (const steps of [-1, 0, 1]) expect(verifyTotp(RFC_SECRET, at(steps), now)).toBe(true)
    for (const steps of [-2, 2]) expect(verifyTotp(RFC_SECRET, at(steps), now)).toBe(false)
  })

  it('refuses what is not six digits, and secrets that are not base32', () => {
    const now = Date.now()
    const code = totpCode(RFC_SECRET, now)
    expect(verifyTotp(RFC_SECRET, ` ${code} `, now)).toBe(true)
    for (const wrong of ['', code.slice(1), `${code}0`, 'abcdef', '１２３４５６']) expect(verifyTotp(RFC_SECRET, wrong, now)).toBe(false)
    expect(verifyTotp('not base32!', code, now)).toBe(false)
    expect(base32Decode('A1')).toBeNull()
  })

  it('makes 160-bit secrets that round-trip through base32', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(base32Encode(base32Decode(secret)!)).toBe(secret)
    expect(base32Decode(secret.toLowerCase())).toEqual(base32Decode(secret))
  })

  it('builds the otpauth URI as Clerk does', () => {
    // Clerk's own fixture (clerk-js User.test.ts), whose secret is not real base32.
    expect(otpauthUri('BANANA', 'Cyberdyne (development)', 'vin@diesel.family'))
      .toBe('otpauth://totp/Cyberdyne%20%28development%29:vin@diesel.family?algorithm=SHA1&digits=6&issuer=Cyberdyne+%28development%29&period=30&secret=BANANA')
  })
})
