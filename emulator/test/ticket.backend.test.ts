import { verifyToken } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// The contract between the two halves: a sign-in token made through the Backend API (what
// @clerk/testing's `clerk.signIn({ emailAddress })` does) is redeemed by the Frontend API's
// `ticket` strategy, and the session it creates is visible and usable through the Backend API.

const ORIGIN = 'http://localhost:3000'
let t: TestEmulator
beforeAll(async () => { t = await startTestEmulator() })
afterAll(() => t.stop())

/** The few fields read from Frontend API answers (`{ response, client }`, or a bare dev browser). */
interface FapiBody {
  id: string
  response: { id: string, status: string, created_session_id: string }
}

async function fapi(path: string, devBrowser: string | null, form?: Record<string, string>) {
  const url = new URL(`${t.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}${path}`)
  if (devBrowser) url.searchParams.set('__clerk_db_jwt', devBrowser)
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'origin': ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  })
  return { status: res.status, json: await res.json() as FapiBody }
}

describe('sign-in tokens redeemed with the ticket strategy', () => {
  it('signs the user in once, and the session is visible through the Backend API', async () => {
    const email = uniqueEmail('ticket')
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const [found] = (await t.clerk.users.getUserList({ emailAddress: [email] })).data
    const { token, id } = await t.clerk.signInTokens.createSignInToken({ userId: found!.id, expiresInSeconds: 300 })

    const devBrowser = (await fapi('/v1/dev_browser', null)).json.id
    const signIn = await fapi('/v1/client/sign_ins', devBrowser, { strategy: 'ticket', ticket: token })
    expect(signIn.status).toBe(200)
    expect(signIn.json.response.status).toBe('complete')
    const sessionId = signIn.json.response.created_session_id

    expect(t.emulator.store.data.signInTokens[id]!.status).toBe('accepted')
    const sessions = await t.clerk.sessions.getSessionList({ userId: user.id, status: 'active' })
    expect(sessions.data.map(s => s.id)).toEqual([sessionId])
    const claims = await verifyToken((await t.clerk.sessions.getToken(sessionId)).jwt, { jwtKey: t.emulator.env.NUXT_CLERK_JWT_KEY })
    expect(claims.sub).toBe(user.id)

    // A ticket works once.
    const again = await fapi('/v1/client/sign_ins', (await fapi('/v1/dev_browser', null)).json.id, { strategy: 'ticket', ticket: token })
    expect(again.status).toBe(422)
  })

  it('refuses a revoked ticket', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('revoked')], password: PASSWORD })
    const { token, id } = await t.clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 300 })
    await t.clerk.signInTokens.revokeSignInToken(id)
    const devBrowser = (await fapi('/v1/dev_browser', null)).json.id
    expect((await fapi('/v1/client/sign_ins', devBrowser, { strategy: 'ticket', ticket: token })).status).toBe(422)
  })

  it('a banned user is signed out and cannot sign in until unbanned', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('banned')], password: PASSWORD })
    const signInWithTicket = async () => {
      const { token } = await t.clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 300 })
      return fapi('/v1/client/sign_ins', (await fapi('/v1/dev_browser', null)).json.id, { strategy: 'ticket', ticket: token })
    }
    const sessionId = (await signInWithTicket()).json.response.created_session_id
    expect((await t.clerk.users.banUser(user.id)).banned).toBe(true)
    expect((await t.clerk.sessions.getSession(sessionId)).status).toBe('revoked')
    expect((await signInWithTicket()).status).toBeGreaterThanOrEqual(400)
    expect((await t.clerk.users.unbanUser(user.id)).banned).toBe(false)
    expect((await signInWithTicket()).json.response.status).toBe('complete')
  })

  it('a BAPI session revocation signs the browser out', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('bapirevoke')], password: PASSWORD })
    const { token } = await t.clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 300 })
    const devBrowser = (await fapi('/v1/dev_browser', null)).json.id
    const sessionId = (await fapi('/v1/client/sign_ins', devBrowser, { strategy: 'ticket', ticket: token })).json.response.created_session_id
    expect((await fapi(`/v1/client/sessions/${sessionId}/tokens`, devBrowser)).status).toBe(200)
    await t.clerk.sessions.revokeSession(sessionId)
    expect((await fapi(`/v1/client/sessions/${sessionId}/tokens`, devBrowser)).status).toBeGreaterThanOrEqual(400)
  })
})
