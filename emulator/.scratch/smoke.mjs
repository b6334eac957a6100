import { startEmulator } from '/work/main/emulator/src/index.ts'
import { createClerkClient, verifyToken } from '@clerk/backend'

const em = await startEmulator({ port: 0, memory: true, quiet: true })
const clerk = createClerkClient({ secretKey: em.keys.secretKey, apiUrl: em.env.NUXT_CLERK_API_URL })
const u = await clerk.users.createUser({ emailAddress: ['a@example.com'], password: 'password123', firstName: 'A', publicMetadata: { a: { b: 1, c: 2 } } })
console.log(u.id, u.primaryEmailAddress?.emailAddress, u.publicMetadata)
const u2 = await clerk.users.updateUserMetadata(u.id, { publicMetadata: { a: { b: null, d: 3 }, x: 1 } })
console.log(u2.publicMetadata)
const list = await clerk.users.getUserList({ emailAddress: ['a@example.com'] })
console.log(list.totalCount, list.data.length)
const s = await fetch(em.env.NUXT_CLERK_API_URL + '/v1/sessions', { method: 'POST', headers: { 'authorization': 'Bearer ' + em.keys.secretKey, 'content-type': 'application/json' }, body: JSON.stringify({ user_id: u.id }) }).then(r => r.json())
const t = await clerk.sessions.getToken(s.id)
console.log(t.jwt.slice(0, 20))
console.log((await verifyToken(t.jwt, { secretKey: em.keys.secretKey, apiUrl: em.env.NUXT_CLERK_API_URL })).sub)
console.log((await verifyToken(t.jwt, { jwtKey: em.env.NUXT_CLERK_JWT_KEY })).metadata)
const sl = await clerk.sessions.getSessionList({ userId: u.id })
console.log(sl.totalCount, sl.data[0].status)
try { await createClerkClient({ secretKey: 'sk_test_wrong', apiUrl: em.env.NUXT_CLERK_API_URL }).users.getUser(u.id) }
catch (e) { console.log(e.status, e.errors[0].code) }
const sit = await clerk.signInTokens.createSignInToken({ userId: u.id, expiresInSeconds: 300 })
console.log(sit.status, sit.url?.slice(0, 40))
console.log(await clerk.testingTokens.createTestingToken())
for (const [m, p] of [['GET', '/v1/nope'], ['POST', '/v1/users/' + u.id], ['GET', '/v1/users/user_x']]) {
  const r = await fetch(em.env.NUXT_CLERK_API_URL + p, { method: m, headers: { authorization: 'Bearer ' + em.keys.secretKey } })
  console.log(m, p, r.status, r.headers.get('content-type'), await r.text())
}
await em.stop()
