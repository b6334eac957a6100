import { verifyToken } from '@clerk/backend'
import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ sessionClaims: { metadata: '{{user.public_metadata}}', email: '{{user.primary_email_address}}' }, tokenTtl: 90 })
})
afterAll(() => t.stop())

async function userWithSession(publicMetadata: Record<string, unknown> = {}) {
  const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('sess')], password: PASSWORD, publicMetadata })
  const session = await t.clerk.sessions.createSession({ userId: user.id })
  return { user, session }
}

describe('session tokens', () => {
  it('mints tokens that verifyToken accepts through /v1/jwks and through the PEM jwtKey', async () => {
    const { user, session } = await userWithSession({ onboardingComplete: true })
    const { jwt } = await t.clerk.sessions.getToken(session.id)

    const viaJwks = await verifyToken(jwt, { secretKey: t.secretKey, apiUrl: t.apiUrl, skipJwksCache: true })
    expect(viaJwks.sub).toBe(user.id)
    expect(viaJwks.sid).toBe(session.id)

    const viaPem = await verifyToken(jwt, { jwtKey: t.emulator.env.NUXT_CLERK_JWT_KEY })
    expect(viaPem).toMatchObject({ sub: user.id, v: 2, metadata: { onboardingComplete: true }, email: user.primaryEmailAddress?.emailAddress })
    expect(viaPem.iss).toBe(`https://${t.emulator.keys.frontendApiDomain}`)
    expect(viaPem.exp - viaPem.iat).toBe(90)
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'RS256', kid: t.emulator.keys.kid, cat: 'cl_B7d4PD111AAA' })
  })

  it('renders metadata changes into the next token', async () => {
    const { user, session } = await userWithSession({ step: 1 })
    await t.clerk.users.updateUserMetadata(user.id, { publicMetadata: { step: 2 } })
    const { jwt } = await t.clerk.sessions.getToken(session.id)
    expect((await verifyToken(jwt, { jwtKey: t.emulator.env.NUXT_CLERK_JWT_KEY })).metadata).toEqual({ step: 2 })
  })

  it('honours expires_in_seconds and knows no JWT templates', async () => {
    const { session } = await userWithSession()
    const { jwt } = await t.clerk.sessions.getToken(session.id, undefined, 600)
    const claims = await verifyToken(jwt, { jwtKey: t.emulator.env.NUXT_CLERK_JWT_KEY })
    expect(claims.exp - claims.iat).toBe(600)
    await expect(t.clerk.sessions.getToken(session.id, 'supabase')).rejects.toMatchObject({ status: 404 })
  })

  it('verifyToken reports a wrong secret key as an invalid secret key', async () => {
    const { session } = await userWithSession()
    const { jwt } = await t.clerk.sessions.getToken(session.id)
    await expect(verifyToken(jwt, { secretKey: 'sk_test_wrong', apiUrl: t.apiUrl, skipJwksCache: true }))
      .rejects.toMatchObject({ reason: 'secret-key-invalid' })
  })
})

describe('sessions', () => {
  it('lists by user and status, gets, and revokes', async () => {
    const { user, session } = await userWithSession()
    const second = await t.clerk.sessions.createSession({ userId: user.id })
    const list = await t.clerk.sessions.getSessionList({ userId: user.id })
    expect(list.totalCount).toBe(2)
    expect(list.data.map(s => s.id)).toEqual([second.id, session.id])

    const revoked = await t.clerk.sessions.revokeSession(session.id)
    expect(revoked.status).toBe('revoked')
    expect((await t.clerk.sessions.getSession(session.id)).status).toBe('revoked')
    const active = await t.clerk.sessions.getSessionList({ userId: user.id, status: 'active' })
    expect(active.data.map(s => s.id)).toEqual([second.id])
    const byClient = await t.clerk.sessions.getSessionList({ clientId: second.clientId })
    expect(byClient.data.map(s => s.id)).toEqual([second.id])
    // A revoked session cannot mint tokens any more.
    await expect(t.clerk.sessions.getToken(session.id)).rejects.toMatchObject({ status: 404 })
  })

  it('ends the user\'s sessions when the user is deleted', async () => {
    const { user, session } = await userWithSession()
    await t.clerk.users.deleteUser(user.id)
    expect((await t.clerk.sessions.getSession(session.id)).status).toBe('removed')
  })

  it('revokes the user\'s sessions on a password change with signOutOfOtherSessions', async () => {
    const { user, session } = await userWithSession()
    await t.clerk.users.updateUser(user.id, { password: 'a-brand-new-password' })
    expect((await t.clerk.sessions.getSession(session.id)).status).toBe('active')
    await t.clerk.users.updateUser(user.id, { password: 'yet-another-password', signOutOfOtherSessions: true })
    expect((await t.clerk.sessions.getSession(session.id)).status).toBe('revoked')
  })

  it('answers 404 for unknown sessions and users', async () => {
    await expect(t.clerk.sessions.getSession('sess_missing')).rejects.toMatchObject({ status: 404 })
    await expect(t.clerk.sessions.revokeSession('sess_missing')).rejects.toMatchObject({ status: 404 })
    await expect(t.clerk.sessions.createSession({ userId: 'user_missing' })).rejects.toMatchObject({ status: 404 })
  })
})

describe('sign-in tokens, testing tokens and the handshake payload', () => {
  it('stores sign-in tokens where the ticket strategy finds them, and revokes them', async () => {
    const { user } = await userWithSession()
    const token = await t.clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 300 })
    expect(token).toMatchObject({ userId: user.id, status: 'pending' })
    const stored = t.emulator.store.data.signInTokens[token.id]!
    expect(stored.token).toBe(token.token)
    expect(stored.expires_at - Date.now()).toBeGreaterThan(290_000)
    expect(token.url).toContain(encodeURIComponent(token.token))

    const revoked = await t.clerk.signInTokens.revokeSignInToken(token.id)
    expect(revoked.status).toBe('revoked')
    await expect(t.clerk.signInTokens.revokeSignInToken(token.id)).rejects.toMatchObject({ status: 400 })
    await expect(t.clerk.signInTokens.createSignInToken({ userId: 'user_missing', expiresInSeconds: 60 })).rejects.toMatchObject({ status: 404 })
  })

  it('hands out testing tokens in Clerk\'s format', async () => {
    // @clerk/backend has no class for it and hands back the JSON as sent (snake_case).
    const token = await t.clerk.testingTokens.createTestingToken() as unknown as { object: string, token: string, expires_at: number }
    expect(token.object).toBe('testing_token')
    expect(token.token).toMatch(/^\d{10}-[0-9A-Za-z]+$/)
    expect(token.expires_at).toBeGreaterThan(Date.now() / 1000)
  })

  it('redeems a handshake nonce stored by the Frontend API', async () => {
    const directives = ['__session=abc; Path=/', '__client_uat=1; Path=/']
    t.emulator.store.data.handshakeNonces.nonce_1 = { id: 'nonce_1', directives, created_at: Date.now(), expires_at: Date.now() + 60_000 }
    const payload = await t.clerk.clients.getHandshakePayload({ nonce: 'nonce_1' })
    expect(payload.directives).toEqual(directives)
    await expect(t.clerk.clients.getHandshakePayload({ nonce: 'nope' })).rejects.toMatchObject({ status: 404 })
    expect((await t.bapi('GET', '/v1/clients/handshake_payload')).status).toBe(422)
  })
})
