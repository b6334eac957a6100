import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../src/cli-args.ts'
import { startEmulator } from '../src/index.ts'
import { fapiClient, fapiRequest, type FapiTestClient } from './helpers/fapi.ts'
import { startTestEmulator, uniqueEmail, PASSWORD, type TestEmulator } from './helpers/emulator.ts'
import { answerProviderPage, openProviderPage, providerTrip } from './helpers/oauth.ts'

// Social sign-in through the emulator's provider page, over plain HTTP as clerk-js drives it:
// POST a sign-in or sign-up with `oauth_<provider>`, follow `external_verification_redirect_url` to
// the provider page, pick or make an account, and come back through /v1/oauth_callback, then
// transfer as the prebuilt UI's sso-callback route does. A forged, replayed or expired state, or a
// wrong code, is refused with Clerk's `authorization_invalid` and changes nothing.

const APP = 'http://localhost:3000'
const SSO_CALLBACK = `${APP}/sign-in/sso-callback`
const AFTER = `${APP}/dashboard`

let t: TestEmulator

beforeAll(async () => {
  // Sign-up codes on: the provider's address needs none, it counts as verified.
  t = await startTestEmulator({ social: ['google', 'github'], emailVerification: true })
})

afterAll(async () => {
  await t?.stop()
})

async function startSignIn(client: FapiTestClient, strategy = 'oauth_google') {
  const res = await client.call('POST', '/v1/client/sign_ins', { form: { strategy, redirect_url: SSO_CALLBACK, action_complete_redirect_url: AFTER } })
  expect(res.status).toBe(200)
  return res.json.response
}

async function startSignUp(client: FapiTestClient, strategy = 'oauth_google') {
  const res = await client.call('POST', '/v1/client/sign_ups', { form: { strategy, redirect_url: SSO_CALLBACK, action_complete_redirect_url: `${APP}/onboarding` } })
  expect(res.status).toBe(200)
  return res.json.response
}

/** Everything a refused callback must leave as it was. */
function snapshot(): string {
  const { users, sessions, signIns, signUps, oauthAuthorizations, oauthAccounts } = t.emulator.store.data
  return JSON.stringify({ users, sessions, signIns, signUps, oauthAuthorizations, oauthAccounts })
}

describe('social sign-in through the provider page', () => {
  it('an unknown Google account becomes a transferable sign-in, and the transfer creates the user with the account', async () => {
    const client = await fapiClient(t.emulator)
    const signIn = await startSignIn(client)
    expect(signIn.status).toBe('needs_identifier')
    expect(signIn.first_factor_verification).toMatchObject({ object: 'verification_oauth', status: 'unverified', strategy: 'oauth_google', error: null })
    const url = new URL(signIn.first_factor_verification.external_verification_redirect_url)
    expect(url.pathname).toBe('/oauth/google/authorize')
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/oauth_callback`)

    const email = uniqueEmail('grace')
    const { callbackUrl, callback } = await providerTrip(url.href, { email, firstName: 'Grace', lastName: 'Hopper' })
    expect(new URL(callbackUrl).searchParams.get('code')).toMatch(/^\w{32}$/)
    // Not signed in yet, so back to the sso-callback route, not to the after-sign-in URL.
    expect([callback.status, callback.headers.get('location')]).toEqual([303, SSO_CALLBACK])

    const after = (await client.call('GET', '/v1/client')).json.response
    expect(after.sign_in.id).toBe(signIn.id)
    expect(after.sign_in.first_factor_verification).toMatchObject({
      status: 'transferable',
      strategy: 'oauth_google',
      external_verification_redirect_url: null,
      error: { code: 'external_account_not_found', long_message: 'The External Account was not found.' },
    })

    const transferred = await client.call('POST', '/v1/client/sign_ups', { form: { transfer: 'true', unsafe_metadata: '{"plan":"free"}' } })
    expect(transferred.status).toBe(200)
    const signUp = transferred.json.response
    expect(signUp).toMatchObject({ status: 'complete', email_address: email, first_name: 'Grace', last_name: 'Hopper', unsafe_metadata: { plan: 'free' }, missing_fields: [] })
    expect(signUp.verifications.email_address).toMatchObject({ object: 'verification_from_oauth', status: 'verified', strategy: 'from_oauth_google' })
    expect(signUp.verifications.external_account).toMatchObject({ object: 'verification_oauth', status: 'verified', strategy: 'oauth_google' })

    const user = await t.clerk.users.getUser(signUp.created_user_id)
    expect(user.passwordEnabled).toBe(false)
    expect(user.externalAccounts).toHaveLength(1)
    expect(user.externalAccounts[0]).toMatchObject({ provider: 'oauth_google', emailAddress: email, firstName: 'Grace', lastName: 'Hopper' })
    expect(user.externalAccounts[0]!.verification?.status).toBe('verified')
    expect(user.emailAddresses[0]!.verification?.strategy).toBe('from_oauth_google')
    expect(user.emailAddresses[0]!.linkedTo).toEqual([{ type: 'oauth_google', id: user.externalAccounts[0]!.identificationId }])
  })

  it('an existing user signs in with GitHub: the account is linked by its verified address, and the next time it is on the page', async () => {
    const email = uniqueEmail('linus')
    const existing = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const client = await fapiClient(t.emulator)
    const first = await startSignIn(client, 'oauth_github')
    const { callback } = await providerTrip(first.first_factor_verification.external_verification_redirect_url, { email, firstName: 'Linus' })
    // Signed in: on to the after-sign-in URL, with the dev browser for the app's handshake.
    const to = new URL(callback.headers.get('location')!)
    expect([callback.status, to.origin + to.pathname, to.searchParams.get('__clerk_db_jwt')]).toEqual([303, AFTER, client.devBrowser])
    const signedIn = (await client.call('GET', '/v1/client')).json.response
    expect(signedIn.sign_in).toMatchObject({ status: 'complete', first_factor_verification: { status: 'verified', strategy: 'oauth_github' } })
    expect(signedIn.sessions.map((s: { user: { id: string } }) => s.user.id)).toEqual([existing.id])
    const linked = await t.clerk.users.getUser(existing.id)
    expect(linked.externalAccounts.map(e => [e.provider, e.emailAddress, e.username])).toEqual([['oauth_github', email, email.split('@')[0]]])

    // Another browser: the provider now "has" this account and lists it.
    const other = await fapiClient(t.emulator)
    const second = await startSignIn(other, 'oauth_github')
    const page = await openProviderPage(second.first_factor_verification.external_verification_redirect_url)
    const account = Object.values(t.emulator.store.data.oauthAccounts).find(a => a.email_address === email)!
    expect(page.text).toContain(`name="account" value="${account.id}"`)
    const again = await providerTrip(second.first_factor_verification.external_verification_redirect_url, { account: account.id })
    expect(new URL(again.callback.headers.get('location')!).pathname).toBe('/dashboard')
    expect((await t.clerk.users.getUser(existing.id)).externalAccounts).toHaveLength(1)
  })

  it('a sign-up with an account that exists becomes a transferable sign-up, and the transfer signs it in', async () => {
    const email = uniqueEmail('ada')
    const existing = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const client = await fapiClient(t.emulator)
    const signUp = await startSignUp(client)
    expect(signUp.verifications.external_account).toMatchObject({ object: 'verification_oauth', status: 'unverified', strategy: 'oauth_google' })
    expect(signUp.missing_fields).not.toContain('password')
    const { callback } = await providerTrip(signUp.verifications.external_account.external_verification_redirect_url, { email })
    expect(callback.headers.get('location')).toBe(SSO_CALLBACK)
    const pending = (await client.call('GET', '/v1/client')).json.response.sign_up
    expect(pending.verifications.external_account).toMatchObject({ status: 'transferable', error: { code: 'external_account_exists' } })

    const signIn = await client.call('POST', '/v1/client/sign_ins', { form: { transfer: 'true' } })
    expect(signIn.json.response).toMatchObject({ status: 'complete', first_factor_verification: { status: 'verified', strategy: 'oauth_google' } })
    expect(signIn.json.client.sessions[0].user.id).toBe(existing.id)
  })

  it('a sign-up with a new Google account completes at the callback and goes on to the after-sign-up URL', async () => {
    const client = await fapiClient(t.emulator)
    // A path is taken relative to redirect_url's origin.
    const created = await client.call('POST', '/v1/client/sign_ups', { form: { strategy: 'oauth_google', redirect_url: SSO_CALLBACK, action_complete_redirect_url: '/onboarding' } })
    const signUp = created.json.response
    const email = uniqueEmail('new')
    const { callback } = await providerTrip(signUp.verifications.external_account.external_verification_redirect_url, { email, firstName: 'New' })
    const to = new URL(callback.headers.get('location')!)
    expect(to.origin + to.pathname).toBe(`${APP}/onboarding`)
    const done = (await client.call('GET', '/v1/client')).json.response
    expect(done.sign_up).toMatchObject({ status: 'complete', email_address: email, first_name: 'New' })
    expect(done.sessions[0].user.external_accounts[0]).toMatchObject({ provider: 'oauth_google', email_address: email, verification: { status: 'verified' } })
  })

  it('a banned user is not signed in: the verification carries Clerk\'s user_banned', async () => {
    const email = uniqueEmail('banned')
    const banned = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    await t.clerk.users.banUser(banned.id)
    const client = await fapiClient(t.emulator)
    const signIn = await startSignIn(client)
    const { callback } = await providerTrip(signIn.first_factor_verification.external_verification_redirect_url, { email })
    expect(callback.headers.get('location')).toBe(SSO_CALLBACK)
    const after = (await client.call('GET', '/v1/client')).json.response
    expect(after.sessions).toEqual([])
    expect(after.sign_in.first_factor_verification).toMatchObject({ status: 'failed', error: { code: 'user_banned' } })
  })

  it('Cancel on the provider page comes back as Clerk\'s oauth_access_denied', async () => {
    const client = await fapiClient(t.emulator)
    const signIn = await startSignIn(client)
    const { callbackUrl, callback } = await providerTrip(signIn.first_factor_verification.external_verification_redirect_url, { deny: true })
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied')
    expect(callback.headers.get('location')).toBe(SSO_CALLBACK)
    const after = (await client.call('GET', '/v1/client')).json.response.sign_in
    expect(after.first_factor_verification).toMatchObject({ status: 'failed', error: { code: 'oauth_access_denied' } })
  })
})

describe('refused without a change', () => {
  async function authorized() {
    const client = await fapiClient(t.emulator)
    const signIn = await startSignIn(client)
    const url = signIn.first_factor_verification.external_verification_redirect_url as string
    const state = new URL(url).searchParams.get('state')!
    const answer = await answerProviderPage(url, state, { email: uniqueEmail('mallory') })
    return { client, url, state, callbackUrl: answer.headers.get('location')! }
  }

  async function expectRefused(callbackUrl: string) {
    const before = snapshot()
    const res = await fapiRequest(callbackUrl, { method: 'GET' })
    expect([res.status, res.json.errors[0].code, res.json.errors[0].long_message]).toEqual([403, 'authorization_invalid', 'You are not authorized to perform this request'])
    expect(res.headers.get('location')).toBeNull()
    expect(snapshot()).toBe(before)
  }

  it('a forged state', async () => {
    const { callbackUrl } = await authorized()
    const forged = new URL(callbackUrl)
    forged.searchParams.set('state', 'x'.repeat(43))
    await expectRefused(forged.href)
  })

  it('a wrong code for a real state', async () => {
    const { callbackUrl } = await authorized()
    const wrong = new URL(callbackUrl)
    wrong.searchParams.set('code', 'y'.repeat(32))
    await expectRefused(wrong.href)
    expect((await fapiRequest(callbackUrl, { method: 'GET' })).status).toBe(303) // the right one still works
  })

  it('a replayed callback', async () => {
    const { state, callbackUrl } = await authorized()
    expect((await fapiRequest(callbackUrl, { method: 'GET' })).status).toBe(303)
    // Used up, not merely outlived by its attempt.
    expect(Object.hasOwn(t.emulator.store.data.oauthAuthorizations, state)).toBe(false)
    await expectRefused(callbackUrl)
  })

  it('an expired state', async () => {
    const { state, callbackUrl } = await authorized()
    t.emulator.store.data.oauthAuthorizations[state]!.expires_at = Date.now() - 1
    await expectRefused(callbackUrl)
  })

  it('the provider page refuses a replayed state: no page, no code', async () => {
    const { url, state } = await authorized()
    const page = await openProviderPage(url)
    expect(page.status).toBe(400)
    expect(page.text).not.toContain('name="state"')
    const before = snapshot()
    const again = await answerProviderPage(url, state, { email: uniqueEmail('replay') })
    expect([again.status, again.headers.get('location')]).toEqual([400, null])
    expect(snapshot()).toBe(before)
  })

  it('the provider page refuses a state it never issued and a redirect_uri other than the callback', async () => {
    const client = await fapiClient(t.emulator)
    const signIn = await startSignIn(client)
    const url = new URL(signIn.first_factor_verification.external_verification_redirect_url)
    const forged = new URL(url)
    forged.searchParams.set('state', 'z'.repeat(43))
    expect((await openProviderPage(forged.href)).status).toBe(400)
    const elsewhere = new URL(url)
    elsewhere.searchParams.set('redirect_uri', 'https://evil.example/callback')
    expect((await openProviderPage(elsewhere.href)).status).toBe(400)
    expect((await openProviderPage(url.href)).status).toBe(200)
  })

  it('the provider page\'s form sent from another site', async () => {
    const client = await fapiClient(t.emulator)
    const signIn = await startSignIn(client)
    const url = signIn.first_factor_verification.external_verification_redirect_url as string
    const form = new URLSearchParams({ state: new URL(url).searchParams.get('state')!, email: uniqueEmail('csrf') }).toString()
    const before = snapshot()
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Array<Record<string, string>>) {
      const res = await fapiRequest(url.split('?')[0]!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form })
      expect([res.status, res.headers.get('location')]).toEqual([403, null])
    }
    expect(snapshot()).toBe(before)
  })

  it('a redirect_url on an origin the instance does not serve, or a provider it does not have', async () => {
    const client = await fapiClient(t.emulator)
    const before = snapshot()
    const evil = await client.call('POST', '/v1/client/sign_ins', { form: { strategy: 'oauth_google', redirect_url: 'https://evil.example/sso-callback' } })
    expect([evil.status, evil.json.errors[0].code, evil.json.errors[0].meta.param_name]).toEqual([422, 'form_param_value_invalid', 'redirect_url'])
    const after = await client.call('POST', '/v1/client/sign_ups', { form: { strategy: 'oauth_google', redirect_url: SSO_CALLBACK, action_complete_redirect_url: 'https://evil.example/' } })
    expect([after.status, after.json.errors[0].meta.param_name]).toEqual([422, 'action_complete_redirect_url'])
    const off = await client.call('POST', '/v1/client/sign_ups', { form: { strategy: 'oauth_apple', redirect_url: SSO_CALLBACK } })
    expect([off.status, off.json.errors[0].meta.param_name]).toEqual([422, 'strategy'])
    expect(snapshot()).toBe(before)
  })

  it('a transfer with nothing to transfer', async () => {
    const client = await fapiClient(t.emulator)
    for (const path of ['/v1/client/sign_ins', '/v1/client/sign_ups']) {
      const res = await client.call('POST', path, { form: { transfer: 'true' } })
      expect([res.status, res.json.errors[0].code]).toEqual([400, 'account_transfer_invalid'])
    }
  })
})

/** A user with a password, signed in on `client`: the session id to call /v1/me with, and the user id. */
async function signedInUser(client: FapiTestClient, prefix: string) {
  const email = uniqueEmail(prefix)
  const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
  const res = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
  return { userId: user.id, me: { _clerk_session_id: res.json.response.created_session_id as string } }
}

describe('connected accounts', () => {
  it('<UserProfile/> connects a GitHub account and removes it; the Backend API sees both and removes one too', async () => {
    const client = await fapiClient(t.emulator)
    const { userId, me } = await signedInUser(client, 'owner')
    const profile = `${APP}/user#/`
    const connect = await client.call('POST', '/v1/me/external_accounts', { form: { strategy: 'oauth_github', redirect_url: profile }, query: me })
    expect(connect.status).toBe(200)
    expect(connect.json.response).toMatchObject({ object: 'external_account', provider: 'oauth_github', verification: { status: 'unverified', strategy: 'oauth_github' } })
    const { callback } = await providerTrip(connect.json.response.verification.external_verification_redirect_url, { email: uniqueEmail('octo'), firstName: 'Octo' })
    expect(callback.headers.get('location')).toBe(profile)

    const user = await t.clerk.users.getUser(userId)
    expect(user.externalAccounts.map(e => [e.id, e.provider, e.verification?.status])).toEqual([[connect.json.response.id, 'oauth_github', 'verified']])
    const removed = await client.call('DELETE', `/v1/me/external_accounts/${connect.json.response.id}`, { query: me })
    expect(removed.json.response).toEqual({ object: 'external_account', id: connect.json.response.id, deleted: true })
    expect(removed.json.client.sessions[0].user.external_accounts).toEqual([])

    const second = await client.call('POST', '/v1/me/external_accounts', { form: { strategy: 'oauth_google', redirect_url: profile }, query: me })
    await providerTrip(second.json.response.verification.external_verification_redirect_url, { email: uniqueEmail('goog') })
    const deleted = await t.clerk.users.deleteUserExternalAccount({ userId: user.id, externalAccountId: second.json.response.id })
    expect(deleted).toMatchObject({ id: second.json.response.id, deleted: true })
    expect((await t.clerk.users.getUser(user.id)).externalAccounts).toEqual([])
  })

  it('an account connected to another user is not taken over: the connection carries Clerk\'s error', async () => {
    const owner = await fapiClient(t.emulator)
    const signIn = await startSignIn(owner)
    const email = uniqueEmail('taken')
    await providerTrip(signIn.first_factor_verification.external_verification_redirect_url, { email })
    await owner.call('POST', '/v1/client/sign_ups', { form: { transfer: 'true' } })
    const account = Object.values(t.emulator.store.data.oauthAccounts).find(a => a.email_address === email)!

    const other = await fapiClient(t.emulator)
    const { me } = await signedInUser(other, 'other')
    const connect = await other.call('POST', '/v1/me/external_accounts', { form: { strategy: 'oauth_google', redirect_url: `${APP}/user` }, query: me })
    await providerTrip(connect.json.response.verification.external_verification_redirect_url, { account: account.id })
    const mine = (await other.call('GET', '/v1/me', { query: me })).json.response.external_accounts
    expect(mine).toEqual([expect.objectContaining({ verification: expect.objectContaining({ status: 'unverified', error: expect.objectContaining({ code: 'external_account_exists' }) }) })])
  })
})

describe('configuration', () => {
  it('--social takes providers Clerk knows, with or without oauth_, and the environment lists them', async () => {
    expect(parseCli(['--social', 'google,oauth_github,google'], {})).toEqual({ help: false, options: { social: ['oauth_google', 'oauth_github'] } })
    expect(parseCli([], { CLERK_EMULATOR_SOCIAL: 'microsoft' })).toEqual({ help: false, options: { social: ['oauth_microsoft'] } })
    expect(() => parseCli(['--social', 'google,myspace'], {})).toThrow(/"myspace" is not a social connection Clerk knows; one of apple, .*github/)
    expect(() => parseCli(['--social', 'google,myspace'], {})).toThrow(UsageError)
    const client = await fapiClient(t.emulator)
    const social = (await client.call('GET', '/v1/environment')).json.user_settings.social
    expect(Object.keys(social)).toEqual(['oauth_google', 'oauth_github'])
    expect(social.oauth_github).toEqual({ enabled: true, required: false, authenticatable: true, block_email_subaddresses: false, strategy: 'oauth_github', not_selectable: false, deprecated: false, name: 'GitHub', logo_url: null })
  })
})

describe('a production instance', () => {
  const PROD_APP = 'http://app.localhost:3000'

  it('redeems a state only for the browser whose __client started it', async () => {
    const emulator = await startEmulator({ port: 0, memory: true, quiet: true, instance: 'production', origins: [PROD_APP], social: ['google'] })
    try {
      // Node does not resolve *.localhost; the emulator answers on any of its names.
      const local = (url: string) => url.replace(/^http:\/\/clerk\.app\.localhost:\d+/, emulator.url)
      const call = async (path: string, form: Record<string, string>, cookie?: string) => {
        const res = await fapiRequest(`${emulator.url}/fapi${path}`, { method: 'POST', headers: { 'origin': PROD_APP, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(form).toString() })
        return { res, cookie: cookie ?? res.headers.getSetCookie().find(c => c.startsWith('__client='))!.split(';')[0]! }
      }
      const mine = await call('/v1/client/sign_ins', { strategy: 'oauth_google', redirect_url: `${PROD_APP}/sign-in/sso-callback` })
      const other = await call('/v1/client/sign_ins', { strategy: 'oauth_google', redirect_url: `${PROD_APP}/sign-in/sso-callback` })
      const url = mine.res.json.response.first_factor_verification.external_verification_redirect_url as string
      const answer = await answerProviderPage(url, new URL(url).searchParams.get('state')!, { email: uniqueEmail('prod') })
      const callbackUrl = local(answer.headers.get('location')!)
      for (const cookie of [undefined, other.cookie]) {
        const refused = await fapiRequest(callbackUrl, { method: 'GET', headers: cookie ? { cookie } : {} })
        expect([refused.status, refused.json.errors[0].code]).toEqual([403, 'authorization_invalid'])
      }
      const accepted = await fapiRequest(callbackUrl, { method: 'GET', headers: { cookie: mine.cookie } })
      expect([accepted.status, accepted.headers.get('location')]).toEqual([303, `${PROD_APP}/sign-in/sso-callback`])
    }
    finally {
      await emulator.stop()
    }
  })
})
