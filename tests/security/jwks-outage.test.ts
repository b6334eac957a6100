import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, browserCookies, getStatus, postOnboarding, VALID_BODY } from './support/http'

// Session checks need the instance's public key. With NUXT_CLERK_JWT_KEY (the PEM) they are
// networkless and survive a Clerk outage; without it the key comes from the JWKS endpoint, and
// when that is down verification must fail closed.

const JWKS = '/bapi/v1/jwks'

describe('with NUXT_CLERK_JWT_KEY (the recommended production setting)', () => {
  const stack = useStack()

  it('sessions keep working while the JWKS endpoint is down, which is never called', async () => {
    const [rule] = stack.emulator.setFaults([{ path: JWKS, status: 503 }])
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    expect((await getStatus(stack.appUrl, bearer(token))).status).toBe(200)
    expect((await getStatus(stack.appUrl, browserCookies(token, stack.appUrl))).status).toBe(200)
    expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))).status).toBe(200)
    expect(rule!.hits).toBe(0)
  })
})

describe('without NUXT_CLERK_JWT_KEY', () => {
  const stack = useStack({ env: { NUXT_CLERK_JWT_KEY: '' } })

  it('a JWKS outage fails closed: valid sessions are refused (401/5xx), never let through', async () => {
    const [rule] = stack.emulator.setFaults([{ path: JWKS, status: 503 }])
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const forged = `${token.slice(0, -8)}AAAAAAAA`
    // Concurrently: each request waits out @clerk/backend's own JWKS retries (about 2-4 s).
    const attempts = [token, forged].flatMap(candidate => [bearer(candidate), browserCookies(candidate, stack.appUrl)])
      .flatMap(headers => [getStatus(stack.appUrl, headers), postOnboarding(stack.appUrl, VALID_BODY, headers)])
    const statuses = (await Promise.all(attempts)).map(res => res.status)
    for (const status of statuses) expect(status === 401 || status >= 500, `answered ${statuses}`).toBe(true)
    console.info(`JWKS down, no PEM key: answers ${JSON.stringify(statuses)}`)
    // The app did go to the JWKS endpoint: this is the networked path, not a misconfiguration.
    expect(rule!.hits).toBeGreaterThan(0)
  })

  it('and recovers once the JWKS endpoint is back', async () => {
    stack.emulator.clearFaults()
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    expect((await getStatus(stack.appUrl, bearer(await user.token()))).status).toBe(200)
  })
})
