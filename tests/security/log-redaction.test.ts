import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { encodedToken, holdsSecret, tokenPlace } from '../support/token-encodings'

// Real session tokens, spelled every way a client can (tests/support/token-encodings.ts), in URLs,
// headers and bodies sent to the built server: its log holds no token signature, raw or decoded.

const stack = useStack()
let tokens: string[]
beforeAll(async () => {
  const user = await createSignedInUser(stack.emulator, stack.appUrl)
  tokens = [await user.token(), await user.token({ now: Date.now() - 3_600_000 })]
})

describe('the request log', () => {
  it('holds no session token signature, however the token was spelled and wherever it was sent (property)', async () => {
    const sample = fc.constantFrom(0, 1).chain(index => fc.tuple(fc.constant(index), encodedToken(tokens[index]!), tokenPlace))
    await fc.assert(fc.asyncProperty(sample, async ([, spelled, place]) => {
      const query = place(spelled)
      await Promise.all([
        fetch(`${stack.appUrl}/dashboard?${query}`, { redirect: 'manual', headers: { 'sec-fetch-dest': 'document', 'accept': 'text/html', 'cookie': '__clerk_db_jwt=dvb_test' } }),
        fetch(`${stack.appUrl}/api/no-such-route?${query}`, { headers: { 'user-agent': `agent/${spelled}`, 'referer': `${stack.appUrl}/?${query}`, 'x-note': spelled } }),
        fetch(`${stack.appUrl}/sign-in/${spelled}?${query}`, { redirect: 'manual', headers: { 'sec-fetch-dest': 'document', 'accept': 'text/html', 'cookie': '__clerk_db_jwt=dvb_test' } }),
        fetch(`${stack.appUrl}/api/complete-onboarding?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: query }),
        fetch(`${stack.appUrl}/api/complete-onboarding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"applicationName":"${spelled}"` }),
      ])
    }), { numRuns: 60 })
    // Let the last request lines reach the pipe.
    await new Promise(resolve => setTimeout(resolve, 300))
    const logs = stack.logs()
    expect(logs).toMatch(/GET \/dashboard\?/)
    expect(logs).toContain('[REDACTED]')
    for (const token of tokens) expect(holdsSecret(logs, token.split('.')[2]!)).toBe(false)
  })
})
