import { generateKeyPairSync, sign } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactSecrets } from '../../server/utils/logger'
import { encodedToken, holdsSecret, tokenPlace } from '../support/token-encodings'

// The log's redaction against every spelling of a session token a client can send; the security
// project's log-redaction.test.ts sends the same spellings to the built server.

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A session token shaped as Clerk's (RS256, Clerk's claims), signed with a throw-away key. */
function sessionToken(sub: string): string {
  const now = Math.floor(Date.now() / 1000)
  const input = `${part({ alg: 'RS256', kid: 'ins_test', typ: 'JWT' })}.${part({ azp: 'http://localhost:3000', exp: now + 60, iat: now, iss: 'https://clerk.example.com', nbf: now - 5, sid: 'sess_1', sub, v: 2 })}`
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
}

const tokens = ['user_1', 'user_2Xy', 'user_abc_123'].map(sessionToken)

describe('redactSecrets on encoded tokens', () => {
  it.each([
    ['inside a percent-encoded redirect_url', (jwt: string) => `GET /sign-in?redirect_url=%2Fx%3Ftoken%3D${jwt} 302 3ms`],
    ['glued to a letter and `_`', (jwt: string) => `GET /?q=a_${jwt} 200 3ms`],
    ['glued to a digit', (jwt: string) => `GET /?q=1${jwt} 200 3ms`],
    ['with its dots percent-encoded twice', (jwt: string) => `GET /?q=${jwt.replaceAll('.', '%252E')} 200 3ms`],
  ])('removes a token %s', (_, line) => {
    const jwt = tokens[0]!
    const redacted = redactSecrets(line(jwt))
    expect(redacted).toContain('[REDACTED]')
    expect(holdsSecret(redacted, jwt.split('.')[2]!)).toBe(false)
  })

  it('leaves encoded text without secrets as it was', () => {
    const line = 'GET /sign-in?redirect_url=%2Fdashboard%3Ftab%3Dapps&q=a+b 302 3ms'
    expect(redactSecrets(line)).toBe(line)
  })

  it('finds no signature, however the token is spelled and wherever it sits (property)', () => {
    const jwt = fc.constantFrom(...tokens)
    fc.assert(fc.property(jwt.chain(token => fc.tuple(fc.constant(token), encodedToken(token), tokenPlace)), ([token, spelled, place]) => {
      const line = `GET /dashboard?${place(spelled)} 302 3ms`
      expect(holdsSecret(redactSecrets(line), token.split('.')[2]!)).toBe(false)
    }), { numRuns: 3000 })
  })
})
