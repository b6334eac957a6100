import fc from 'fast-check'

// Every way a client can spell a token in a URL, a header or a body, for the log-redaction
// properties: percent-encoding (none, the dots, every character, a random subset) once or twice,
// hex digits in either case, `+` for a space, and letters, digits or `_` glued on either side.

const hex = (char: string, upper: boolean) => {
  const code = char.charCodeAt(0).toString(16).padStart(2, '0')
  return `%${upper ? code.toUpperCase() : code}`
}

/** `token` with the characters `pick` chooses percent-encoded, `times` times (1 or 2), hex case per character. */
function encode(token: string, pick: (char: string, index: number) => boolean, times: number, upper: (index: number) => boolean): string {
  let text = token
  for (let round = 0; round < times; round++) {
    text = [...text].map((char, index) => (round === 0 ? pick(char, index) : char === '%') ? hex(char, upper(index)) : char).join('')
  }
  return text
}

const glue = fc.stringMatching(/^[A-Za-z0-9_]{0,3}$/)

/** An encoding of `token` as a client could send it, inside the text around it. */
export function encodedToken(token: string): fc.Arbitrary<string> {
  const spelling = fc.record({
    which: fc.constantFrom('none', 'dots', 'all', 'some'),
    times: fc.constantFrom(1, 2),
    seed: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  }).map(({ which, times, seed }) => {
    if (which === 'none') return token
    const pick = which === 'dots' ? (char: string) => char === '.' : which === 'all' ? () => true : (_: string, index: number) => seed[index % seed.length]!
    return encode(token, pick, times, index => seed[(index + 3) % seed.length]!)
  })
  return fc.tuple(glue, spelling, glue, fc.constantFrom('', '+', '%20', '%2B')).map(([before, spelled, after, space]) => `${before}${space}${spelled}${after}`)
}

/** Where the spelled token sits: as a query value, inside an encoded `redirect_url`, after `Bearer`, ... */
export const tokenPlace = fc.constantFrom(
  (spelled: string) => `q=${spelled}`,
  (spelled: string) => `token=${spelled}`,
  (spelled: string) => `redirect_url=%2Fx%3Ftoken%3D${spelled}`,
  (spelled: string) => `redirect_url=%252Fx%253Ftoken%253D${spelled}`,
  (spelled: string) => `a=Bearer+${spelled}`,
  (spelled: string) => `${spelled}`,
)

/** True when `text`, read raw or decoded any number of times, holds `secret`. */
export function holdsSecret(text: string, secret: string): boolean {
  let current = text
  for (let round = 0; round < 5; round++) {
    if (current.includes(secret)) return true
    current = current.replace(/\+/g, ' ').replace(/%([0-9a-f]{2})/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
  }
  return current.includes(secret)
}
