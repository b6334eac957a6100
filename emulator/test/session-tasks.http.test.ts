import { createClerkClient } from '@clerk/backend'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { APP_ORIGIN, fapiClient, fapiRequest, type FapiTestClient } from './helpers/fapi.ts'

// Session tasks over the wire: a pending session on both APIs and in its token, what an app's
// server makes of that token (@clerk/backend, as clerkMiddleware runs it), and completing each task.

let t: TestEmulator
beforeAll(async () => { t = await startTestEmulator({ organizations: true, personalAccounts: false }) })
afterAll(() => t.stop())

/** What @clerk/nuxt's clerkMiddleware would decide for a page request carrying this session token. */
async function serverAuth(token: string) {
  const backend = createClerkClient({ secretKey: t.secretKey, publishableKey: t.emulator.keys.publishableKey, apiUrl: t.apiUrl, jwtKey: t.emulator.keys.publicKeyPem })
  const state = await backend.authenticateRequest(new Request(`${APP_ORIGIN}/dashboard`, {
    headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN },
  }))
  // The token itself verifies: a signed-out answer below is the pending status, not a bad token.
  expect(state.status).toBe('signed-in')
  return state.toAuth()
}

async function signUp(client: FapiTestClient, email = uniqueEmail('tasks')) {
  const res = await client.signUp({ email_address: email, password: PASSWORD })
  expect(res.status).toBe(200)
  return { sessionId: res.json.response.created_session_id as string, session: res.json.client.sessions[0], email }
}

async function token(client: FapiTestClient, sessionId: string) {
  const res = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { form: {} })
  expect(res.status).toBe(200)
  return res.json.jwt as string
}

describe('choose-organization (organizations on, personal accounts off)', () => {
  it('keeps a new sign-up pending, on both APIs and in its token, which the server treats as signed out', async () => {
    const client = await fapiClient(t.emulator)
    const { sessionId, session } = await signUp(client)
    expect(session).toMatchObject({ id: sessionId, status: 'pending', tasks: [{ key: 'choose-organization' }], last_active_organization_id: null })
    expect((await t.clerk.sessions.getSession(sessionId)).status).toBe('pending')
    expect((await t.bapi('GET', `/v1/sessions/${sessionId}`)).json.tasks).toEqual([{ key: 'choose-organization' }])
    expect((await t.bapi('GET', `/v1/sessions?status=pending&user_id=${session.user.id}`)).json).toHaveLength(1)

    const jwt = await token(client, sessionId)
    expect(decodeJwt(jwt)).toMatchObject({ sid: sessionId, sts: 'pending' })
    expect(decodeJwt(jwt).o).toBeUndefined()
    const auth = await serverAuth(jwt)
    expect(auth).toMatchObject({ userId: null, sessionId: null, sessionStatus: 'pending' })

    const env = await fapiRequest(`${t.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/environment`, { headers: CONTROL_HEADERS })
    expect(env.json.organization_settings).toMatchObject({ enabled: true, force_organization_selection: true })
  })

  it('holds for a session made through the Backend API too (what an app test can use without a browser)', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('bapi-pending')], password: PASSWORD })
    const session = await t.clerk.sessions.createSession({ userId: user.id })
    expect(session.status).toBe('pending')
    const { jwt } = await t.clerk.sessions.getToken(session.id)
    expect(decodeJwt(jwt)).toMatchObject({ sub: user.id, sid: session.id, sts: 'pending' })
    expect(await serverAuth(jwt)).toMatchObject({ userId: null, sessionStatus: 'pending' })

    // Once the user belongs to an organization, a new session starts active in it.
    const org = await t.clerk.organizations.createOrganization({ name: 'Later', createdBy: user.id })
    const next = await t.clerk.sessions.createSession({ userId: user.id })
    expect(next).toMatchObject({ status: 'active', lastActiveOrganizationId: org.id })
    expect(await serverAuth((await t.clerk.sessions.getToken(next.id)).jwt)).toMatchObject({ userId: user.id, orgId: org.id, orgRole: 'org:admin' })
  })

  it('is completed by creating an organization and making it active: the token then carries it', async () => {
    const client = await fapiClient(t.emulator)
    const { sessionId, session } = await signUp(client)
    const created = await client.call('POST', '/v1/organizations', { form: { name: 'First Team', slug: `first-team-${Date.now()}` }, query: { _clerk_session_id: sessionId } })
    expect(created.status).toBe(200)
    const orgId = created.json.response.id as string

    // Choosing an organization the user does not belong to changes nothing.
    const stranger = await t.clerk.organizations.createOrganization({ name: 'Not Mine' })
    const refused = await client.call('POST', `/v1/client/sessions/${sessionId}/touch`, { form: { active_organization_id: stranger.id, intent: 'select_org' } })
    expect(refused.status).toBe(404)
    expect(refused.json.errors[0].code).toBe('organization_not_found_or_unauthorized')
    expect(t.emulator.store.data.sessions[sessionId]!.tasks).toEqual(['choose-organization'])

    const touched = await client.call('POST', `/v1/client/sessions/${sessionId}/touch`, { form: { active_organization_id: orgId, intent: 'select_org' } })
    expect(touched.status).toBe(200)
    expect(touched.json.response).toMatchObject({ status: 'active', tasks: null, last_active_organization_id: orgId })
    expect(touched.json.response.user.organization_memberships[0]).toMatchObject({ role: 'org:admin', organization: { id: orgId } })

    const jwt = await token(client, sessionId)
    expect(decodeJwt(jwt)).toMatchObject({ sts: 'active', o: { id: orgId, rol: 'admin', slg: created.json.response.slug } })
    const auth = (await serverAuth(jwt))!
    expect(auth).toMatchObject({ userId: session.user.id, orgId, orgRole: 'org:admin' })
    expect(auth.has({ role: 'org:admin' })).toBe(true)
    expect(auth.has({ role: 'org:member' })).toBe(false)
    // Clerk leaves system permissions out of tokens (its types even refuse them here), so the server cannot see them.
    expect(auth.has({ permission: 'org:sys_memberships:manage' as never })).toBe(false)
  })

  it('carries a custom role\'s permissions in the token, so the server\'s has({ permission }) answers', async () => {
    const create = await t.clerk.organizationPermissions.createOrganizationPermission({ name: 'Create invoices', key: 'org:invoices:create', description: '' })
    await t.clerk.organizationPermissions.createOrganizationPermission({ name: 'Read invoices', key: 'org:invoices:read', description: '' })
    const reports = await t.clerk.organizationPermissions.createOrganizationPermission({ name: 'Read reports', key: 'org:reports:read', description: '' })
    const role = await t.clerk.organizationRoles.createOrganizationRole({ name: 'Billing', key: 'org:billing_clerk', description: '', permissions: [create.id, reports.id] })
    expect(role.permissions.map(p => p.key).sort()).toEqual(['org:invoices:create', 'org:reports:read'])
    const owner = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('owner')], password: PASSWORD })
    const clerkUser = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('billing')], password: PASSWORD })
    const org = await t.clerk.organizations.createOrganization({ name: 'Invoicing', createdBy: owner.id })
    await t.clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: clerkUser.id, role: 'org:billing_clerk' })

    const session = await t.clerk.sessions.createSession({ userId: clerkUser.id })
    const { jwt } = await t.clerk.sessions.getToken(session.id)
    expect(decodeJwt(jwt)).toMatchObject({ fea: 'o:invoices,o:reports', o: { id: org.id, rol: 'billing_clerk', per: 'create,read', fpm: '1,2' } })
    const auth = (await serverAuth(jwt))!
    expect(auth.has({ role: 'org:billing_clerk' })).toBe(true)
    expect(auth.has({ permission: 'org:invoices:create' })).toBe(true)
    expect(auth.has({ permission: 'org:reports:read' })).toBe(true)
    expect(auth.has({ permission: 'org:invoices:read' })).toBe(false)
  })

  it('is skipped for a member: the session starts active in their newest organization', async () => {
    const email = uniqueEmail('member')
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const org = await t.clerk.organizations.createOrganization({ name: 'Existing', createdBy: user.id })
    const client = await fapiClient(t.emulator)
    const res = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    expect(res.json.client.sessions[0]).toMatchObject({ status: 'active', tasks: null, last_active_organization_id: org.id })
  })

  it('refuses a JWT template token while pending', async () => {
    const templated = await startTestEmulator({ organizations: true, personalAccounts: false, jwtTemplates: [{ name: 'convex', claims: { aud: 'convex' }, lifetime: 60, allowedClockSkew: 5 }] })
    try {
      const client = await fapiClient(templated.emulator)
      const res = await client.signUp({ email_address: uniqueEmail('tpl'), password: PASSWORD })
      const sessionId = res.json.response.created_session_id
      expect((await client.call('POST', `/v1/client/sessions/${sessionId}/tokens/convex`, { form: {} })).status).toBe(401)
    }
    finally {
      await templated.stop()
    }
  })
})

describe('reset-password (a password marked compromised through the Backend API)', () => {
  it('refuses the password at sign-in, lets another factor in as pending, and the new password completes it', async () => {
    const email = `pwned-${Date.now()}+clerk_test@example.com`
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    await t.clerk.organizations.createOrganization({ name: 'Has One', createdBy: user.id })
    expect((await t.clerk.users.setPasswordCompromised(user.id)).id).toBe(user.id)

    const client = await fapiClient(t.emulator)
    const instant = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    expect(instant.status).toBe(422)
    expect(instant.json.errors[0].code).toBe('form_password_compromised')

    const started = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email } })
    const signInId = started.json.response.id
    const wrong = await client.call('POST', `/v1/client/sign_ins/${signInId}/attempt_first_factor`, { form: { strategy: 'password', password: PASSWORD } })
    expect(wrong.json.errors[0].code).toBe('form_password_compromised')
    await client.call('POST', `/v1/client/sign_ins/${signInId}/prepare_first_factor`, { form: { strategy: 'email_code' } })
    const signedIn = await client.call('POST', `/v1/client/sign_ins/${signInId}/attempt_first_factor`, { form: { strategy: 'email_code', code: '424242' } })
    const session = signedIn.json.client.sessions[0]
    expect(session).toMatchObject({ status: 'pending', tasks: [{ key: 'reset-password' }] })
    expect(decodeJwt(await token(client, session.id)).sts).toBe('pending')

    const changed = await client.call('POST', '/v1/me/change_password', { form: { new_password: 'a-brand-new-password', sign_out_of_other_sessions: 'true' }, query: { _clerk_session_id: session.id } })
    expect(changed.status).toBe(200)
    const after = await client.call('GET', `/v1/client/sessions/${session.id}`)
    expect(after.json.response).toMatchObject({ status: 'active', tasks: null })
    expect(t.emulator.store.data.users[user.id]!.password_compromised).toBe(false)
    expect((await t.clerk.users.verifyPassword({ userId: user.id, password: 'a-brand-new-password' })).verified).toBe(true)
  })

  it('can be unset, and asks for nothing then', async () => {
    const email = uniqueEmail('unset')
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    await t.clerk.organizations.createOrganization({ name: 'Unset Co', createdBy: user.id })
    await t.clerk.users.setPasswordCompromised(user.id)
    await t.clerk.users.unsetPasswordCompromised(user.id)
    const client = await fapiClient(t.emulator)
    const res = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    expect(res.json.client.sessions[0]).toMatchObject({ status: 'active', tasks: null })
  })
})
