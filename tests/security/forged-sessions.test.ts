import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser, type TestSession } from '../support/sessions'
import { forgeTokens } from './support/forge'
import { bearer, browserCookies, getStatus, postOnboarding, VALID_BODY } from './support/http'

// Every way to present a session the app must not accept, on both protected routes, as a
// Bearer header and as the browser's cookies. None may authenticate, none may write.

let user: TestSession
let tokens: Awaited<ReturnType<typeof forgeTokens>>

const stack = useStack()

beforeAll(async () => {
  user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'free' })
  tokens = await forgeTokens({ emulator: stack.emulator, appUrl: stack.appUrl, userId: user.userId, sessionId: user.sessionId })
})
// Each case starts from the same record, so one accepted forgery fails its own test only.
beforeEach(async () => {
  if (user) await stack.clerk.users.updateUser(user.userId, { publicMetadata: { plan: 'free' } })
})

const transports = {
  'Bearer header': (token: string) => bearer(token),
  'session cookie': (token: string) => browserCookies(token, stack.appUrl),
} as const

describe('the control: a correctly minted token is accepted by both transports', () => {
  it.each(Object.keys(transports) as (keyof typeof transports)[])('%s reads the status', async (transport) => {
    const res = await getStatus(stack.appUrl, transports[transport](tokens.valid))
    expect(res.status).toBe(200)
  })
})

describe('forged, expired and misdirected session tokens get 401 and change nothing', () => {
  it('without any token', async () => {
    expect((await postOnboarding(stack.appUrl, VALID_BODY)).status).toBe(401)
    expect((await getStatus(stack.appUrl)).status).toBe(401)
    // A browser without cookies at all, same origin.
    expect((await postOnboarding(stack.appUrl, VALID_BODY, { 'origin': stack.appUrl, 'sec-fetch-site': 'same-origin' })).status).toBe(401)
  })

  it.each(['malformed', 'garbage bytes', 'tampered payload', 'truncated signature', 'expired', 'not yet valid',
    'signed by another key', 'alg none', 'HS256 keyed with the public key', 'another instance',
    'azp outside the authorized parties', 'no azp', 'JWT template token', 'no subject'])('%s', async (name) => {
    const token = tokens.forged[name]!
    expect(token, `no forged token named ${name}`).toBeTruthy()
    for (const [transport, headers] of Object.entries(transports)) {
      const post = await postOnboarding(stack.appUrl, VALID_BODY, headers(token))
      expect(post.status, `POST by ${transport}`).toBe(401)
      expect((await post.json()).data?.code, `POST by ${transport}`).toBe('unauthenticated')
      const status = await getStatus(stack.appUrl, headers(token))
      expect(status.status, `GET by ${transport}`).toBe(401)
      const fresh = await fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: headers(token) })
      expect(fresh.status, `GET ?fresh=1 by ${transport}`).toBe(401)
    }
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({ plan: 'free' })
  })

  it('a revoked session: its token is refused once its lifetime is over, and no new one is minted', async () => {
    const victim = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'free' })
    // Minted before the revocation; 60 s lifetime, already over (past Clerk's 5 s clock skew).
    const old = await victim.token({ now: Date.now() - 70_000 })
    await stack.clerk.sessions.revokeSession(victim.sessionId)
    for (const [transport, headers] of Object.entries(transports)) {
      expect((await postOnboarding(stack.appUrl, VALID_BODY, headers(old))).status, transport).toBe(401)
      expect((await getStatus(stack.appUrl, headers(old))).status, transport).toBe(401)
    }
    // The refresh path is closed too: Clerk will not mint a token for a revoked session.
    await expect(stack.clerk.sessions.getToken(victim.sessionId)).rejects.toMatchObject({ status: expect.any(Number) })
    expect((await stack.clerk.users.getUser(victim.userId)).publicMetadata).toEqual({ plan: 'free' })
  })

  it('a token accepted once is refused once it expires: no earlier acceptance outlives exp', async () => {
    const short = await createSignedInUser(stack.emulator, stack.appUrl)
    // exp is 3 s ago: still inside Clerk's 5 s clock skew now, outside it in 2 s.
    const token = await short.token({ now: Date.now() - 4_000, ttlSeconds: 1 })
    expect((await getStatus(stack.appUrl, bearer(token))).status).toBe(200)
    expect((await getStatus(stack.appUrl, browserCookies(token, stack.appUrl))).status).toBe(200)
    await new Promise(resolve => setTimeout(resolve, 2_500))
    expect((await getStatus(stack.appUrl, bearer(token))).status).toBe(401)
    expect((await getStatus(stack.appUrl, browserCookies(token, stack.appUrl))).status).toBe(401)
    expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))).status).toBe(401)
  })

  it('a cookie token accepted once is refused after the browser signed out (__client_uat newer or 0)', async () => {
    const token = await user.token()
    const iat = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat as number
    const cookie = (uat: number) => ({ ...browserCookies(token, stack.appUrl), cookie: `__session=${token}; __client_uat=${uat}; __clerk_db_jwt=dvb_test` })
    expect((await getStatus(stack.appUrl, cookie(iat - 5))).status).toBe(200)
    expect((await getStatus(stack.appUrl, cookie(iat + 30))).status).toBe(401)
    expect((await getStatus(stack.appUrl, cookie(0))).status).toBe(401)
    expect((await postOnboarding(stack.appUrl, VALID_BODY, cookie(0))).status).toBe(401)
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({ plan: 'free' })
  })

  it('several Authorization forms that are not a Bearer session token', async () => {
    for (const authorization of [`bearer ${tokens.forged['alg none']}`, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', 'Bearer  ', `Token ${tokens.forged.expired}`]) {
      expect((await postOnboarding(stack.appUrl, VALID_BODY, { authorization })).status, authorization).toBe(401)
    }
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({ plan: 'free' })
  })

  it('a forged token for another user sent as both header and cookie is still refused', async () => {
    const other = await createSignedInUser(stack.emulator, stack.appUrl)
    const forgedForOther = (await forgeTokens({ emulator: stack.emulator, appUrl: stack.appUrl, userId: other.userId, sessionId: other.sessionId })).forged['signed by another key']!
    const res = await postOnboarding(stack.appUrl, VALID_BODY, { ...bearer(forgedForOther), cookie: `__session=${forgedForOther}; __client_uat=${Math.floor(Date.now() / 1000) - 5}` })
    expect(res.status).toBe(401)
    expect((await stack.clerk.users.getUser(other.userId)).publicMetadata).toEqual({})
  })
})
