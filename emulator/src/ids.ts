import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Random base62 string; Clerk ids are `<prefix>_` + 27 such characters. */
export function randomBase62(length = 27): string {
  const bytes = randomBytes(length * 2)
  let out = ''
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i]!
    if (b < 248) out += ALPHABET[b % 62] // 248 = 4*62: drop the biased tail
  }
  return out.length === length ? out : out + randomBase62(length - out.length)
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBase62()}`
}

/** A path parameter decoded; a malformed escape stays as sent (it then matches nothing, a 404). */
export function decodeParam(value: string): string {
  try { return decodeURIComponent(value) }
  catch { return value }
}
