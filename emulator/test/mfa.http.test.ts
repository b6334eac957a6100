import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCode } from '../src/totp.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { fapiClient, fapiRequest, type FapiTestClient, type Json } from './helpers/fapi.ts'

// Two-step verification through the Frontend API, as <UserProfile/> and <SignIn/> drive it: an
// authenticator app set up with its first code, backup codes, then sign-ins that stop at
// `needs_second_factor` until a TOTP or a backup code (each usable once) is given.

let t: TestEmulator

beforeAll(async () => {
  // The claim Clerk's "force MFA" guide adds to the session token.
  t = await startTestEmulator({ mfa: 'on', sessionClaims: { isMfa: '{{user.two_factor_enabled}}' } })
})

afterAll(async () => {
  await t?.stop()
})

interface SignedIn {
  client: FapiTestClient
  userId: string
  sessionId: string
}

async function signUp(email = uniqueEmail('mfa')): Promise<SignedIn & { email: string }> {
  const client = await fapiClient(t.emulator)
  const res = await client.signUp({ email_address: email, password: PASSWORD })
  return { client, email, userId: res.json.response.created_user_id, sessionId: res.json.response.created_session_id }
}

/** Sets up an authenticator app for a signed-in user; returns its secret and the backup codes it brought. */
async function enableTotp(client: FapiTestClient): Promise<{ secret: string, backupCodes: string[] }> {
  const created = await client.call('POST', '/v1/me/totp')
  const secret = created.json.response.secret as string
  const verified = await client.call('POST', '/v1/me/totp/attempt_verification', { form: { code: totpCode(secret) } })
  expect(verified.status).toBe(200)
  return { secret, backupCodes: verified.json.response.backup_codes }
}

/** A fresh browser's password sign-in, stopped at the second factor. */
async function passwordSignIn(email: string): Promise<{ client: FapiTestClient, signIn: Json }> {
  const client = await fapiClient(t.emulator)
  const res = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
  expect(res.status).toBe(200)
  return { client, signIn: res.json.response }
}

const secondFactor = (client: FapiTestClient, id: string, form: Record<string, string>) =>
  client.call('POST', `/v1/client/sign_ins/${id}/attempt_second_factor`, { form })

async function tokenClaims(client: FapiTestClient, sessionId: string) {
  return decodeJwt((await client.call('POST', `/v1/client/sessions/${sessionId}/tokens`)).json.jwt)
}

describe('setting up an authenticator app (/v1/me/totp)', () => {
  it('hands out a base32 secret and Clerk\'s otpauth URI, and a second call replaces an unconfirmed one', async () => {
    const { client, email } = await signUp()
    const first = (await client.call('POST', '/v1/me/totp')).json.response
    expect(first).toMatchObject({ object: 'totp', verified: false, backup_codes: null })
    expect(first.id).toMatch(/^totp_/)
    expect(first.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(first.uri).toBe(`otpauth://totp/Clerk%20emulator%20%28development%29:${email}?algorithm=SHA1&digits=6&issuer=Clerk+emulator+%28development%29&period=30&secret=${first.secret}`)

    const second = (await client.call('POST', '/v1/me/totp')).json.response
    expect(second.secret).not.toBe(first.secret)
    const stale = await client.call('POST', '/v1/me/totp/attempt_verification', { form: { code: totpCode(first.secret) } })
    expect(stale.status).toBe(422)
    expect(stale.json.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } })
  })

  it('turns on with the app\'s code, brings ten backup codes once, and shows on the user', async () => {
    const { client, userId } = await signUp()
    const { secret, backupCodes } = await enableTotp(client)
    expect(backupCodes).toHaveLength(10)
    expect(new Set(backupCodes).size).toBe(10)
    for (const code of backupCodes) expect(code).toMatch(/^[a-z0-9]{8}$/)
    const user = (await client.call('GET', '/v1/me')).json.response
    expect(user).toMatchObject({ totp_enabled: true, backup_code_enabled: true, two_factor_enabled: true })
    expect(user.mfa_enabled_at).toBeGreaterThan(0)
    // The secret is never shown again, and a second app is refused.
    expect(JSON.stringify(user)).not.toContain(secret)
    expect((await client.call('POST', '/v1/me/totp')).json.errors[0].code).toBe('totp_already_enabled')
    expect(t.emulator.store.data.users[userId]!.totp!.secret).toBe(secret)
  })

  it('refuses a wrong code and leaves two-step verification off', async () => {
    const { client, userId } = await signUp()
    await client.call('POST', '/v1/me/totp')
    const wrong = await client.call('POST', '/v1/me/totp/attempt_verification', { form: { code: '000000' } })
    expect(wrong.status).toBe(422)
    expect(wrong.json.errors[0].code).toBe('form_code_incorrect')
    expect(t.emulator.store.data.users[userId]!.totp ?? null).toBeNull()
    expect((await client.call('POST', '/v1/me/totp/attempt_verification', { form: {} })).json.errors[0].code).toBe('form_param_missing')
  })

  it('regenerates backup codes (at clerk-js\'s trailing-slash path), and not without another factor', async () => {
    const { client } = await signUp()
    expect((await client.call('POST', '/v1/me/backup_codes/')).status).toBe(403)
    const { backupCodes } = await enableTotp(client)
    const regenerated = await client.call('POST', '/v1/me/backup_codes/')
    expect(regenerated.json.response).toMatchObject({ object: 'backup_code' })
    expect(regenerated.json.response.codes).toHaveLength(10)
    expect(regenerated.json.response.codes).not.toContain(backupCodes[0])
  })

  it('removing the app turns two-step verification off and drops the backup codes', async () => {
    const { client, email } = await signUp()
    await enableTotp(client)
    const removed = await client.call('DELETE', '/v1/me/totp')
    expect(removed.json.response).toMatchObject({ object: 'totp', deleted: true })
    const user = (await client.call('GET', '/v1/me')).json.response
    expect(user).toMatchObject({ totp_enabled: false, backup_code_enabled: false, two_factor_enabled: false })
    expect(user.mfa_disabled_at).toBeGreaterThan(0)
    expect((await client.call('DELETE', '/v1/me/totp')).status).toBe(404)
    expect((await passwordSignIn(email)).signIn.status).toBe('complete')
  })
})

describe('signing in with a second factor', () => {
  let email: string
  let secret: string
  let backupCodes: string[]

  beforeAll(async () => {
    const signedUp = await signUp()
    const enabled = await enableTotp(signedUp.client)
    email = signedUp.email
    secret = enabled.secret
    backupCodes = enabled.backupCodes
  })

  it('stops a correct password at needs_second_factor, with no session yet', async () => {
    const { client, signIn } = await passwordSignIn(email)
    expect(signIn).toMatchObject({
      status: 'needs_second_factor',
      created_session_id: null,
      supported_second_factors: [{ strategy: 'totp' }, { strategy: 'backup_code' }],
      first_factor_verification: { status: 'verified', strategy: 'password' },
      second_factor_verification: null,
    })
    expect((await client.call('GET', '/v1/client')).json.response.sessions).toEqual([])
  })

  it('completes with the authenticator app\'s code; the token\'s fva counts both factors', async () => {
    const { client, signIn } = await passwordSignIn(email)
    const wrong = await secondFactor(client, signIn.id, { strategy: 'totp', code: '000000' })
    expect(wrong.status).toBe(422)
    expect(wrong.json.errors[0]).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } })

    const done = await secondFactor(client, signIn.id, { strategy: 'totp', code: totpCode(secret) })
    expect(done.json.response).toMatchObject({ status: 'complete', second_factor_verification: { object: 'verification_totp', status: 'verified', strategy: 'totp', attempts: 2 } })
    const sessionId = done.json.response.created_session_id
    expect(await tokenClaims(client, sessionId)).toMatchObject({ fva: [0, 0], isMfa: true })
    const session = (await client.call('GET', `/v1/client/sessions/${sessionId}`)).json.response
    expect(session.factor_verification_age).toEqual([0, 0])
  })

  it('completes with a backup code, which then works no more', async () => {
    const first = await passwordSignIn(email)
    const done = await secondFactor(first.client, first.signIn.id, { strategy: 'backup_code', code: backupCodes[0]! })
    expect(done.json.response).toMatchObject({ status: 'complete', second_factor_verification: { object: 'verification_backup_code', status: 'verified' } })
    expect((await tokenClaims(first.client, done.json.response.created_session_id)).fva).toEqual([0, 0])

    const second = await passwordSignIn(email)
    const reused = await secondFactor(second.client, second.signIn.id, { strategy: 'backup_code', code: backupCodes[0]! })
    expect(reused.status).toBe(422)
    expect(reused.json.errors[0].code).toBe('form_code_incorrect')
    expect((await secondFactor(second.client, second.signIn.id, { strategy: 'backup_code', code: backupCodes[1]! })).json.response.status).toBe('complete')
  })

  it('follows every first factor: an emailed code, and a password reset', async () => {
    const lastCode = async () => (await fapiRequest(`${t.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/__emulator/emails?to=${encodeURIComponent(email)}`, { headers: CONTROL_HEADERS })).json.data[0].code
    for (const strategy of ['email_code', 'reset_password_email_code']) {
      const client = await fapiClient(t.emulator)
      const { id } = (await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email } })).json.response
      await client.call('POST', `/v1/client/sign_ins/${id}/prepare_first_factor`, { form: { strategy } })
      let signIn = (await client.call('POST', `/v1/client/sign_ins/${id}/attempt_first_factor`, { form: { strategy, code: await lastCode() } })).json.response
      if (strategy !== 'email_code') signIn = (await client.call('POST', `/v1/client/sign_ins/${id}/reset_password`, { form: { password: PASSWORD } })).json.response
      expect({ strategy, status: signIn.status }).toEqual({ strategy, status: 'needs_second_factor' })
      expect((await secondFactor(client, id, { strategy: 'totp', code: totpCode(secret) })).json.response.status).toBe('complete')
    }
  })

  it('refuses strategies the user has not, and second factors for attempts that need none', async () => {
    const { client, signIn } = await passwordSignIn(email)
    const sms = await secondFactor(client, signIn.id, { strategy: 'phone_code', code: '424242' })
    expect(sms.json.errors[0].code).toBe('strategy_for_user_invalid')
    const prepared = await client.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_second_factor`, { form: { strategy: 'totp' } })
    expect(prepared.json.response.status).toBe('needs_second_factor')

    const plain = await signUp()
    await plain.client.call('DELETE', '/v1/client/sessions')
    const single = await passwordSignIn(plain.email)
    expect(single.signIn.status).toBe('complete')
    expect(await tokenClaims(single.client, single.signIn.created_session_id)).toMatchObject({ fva: [0, -1], isMfa: false })
    const late = await secondFactor(single.client, single.signIn.id, { strategy: 'totp', code: totpCode(secret) })
    expect(late.json.errors[0].code).toBe('sign_in_not_active')
  })

  it('a user\'s factors are not asked for once the instance stops offering them', async () => {
    t.emulator.ctx.config.mfa = 'off'
    try {
      expect((await passwordSignIn(email)).signIn.status).toBe('complete')
    }
    finally {
      t.emulator.ctx.config.mfa = 'on'
    }
  })
})

describe('bad input to the MFA routes', () => {
  it('is a 4xx, never a 5xx, signed in or not', async () => {
    const forms: Record<string, string>[] = [{}, { code: '' }, { code: 'x'.repeat(10_000) }, { code: '１２３４５６' }, { strategy: 'totp', code: '12345' },
      { strategy: 'backup_code', code: '' }, { strategy: '__proto__', code: '000000' }, { strategy: 'phone_code' }]
    const { client, email } = await signUp()
    await enableTotp(client)
    const waiting = await passwordSignIn(email)
    expect(waiting.signIn.status).toBe('needs_second_factor')
    const attempt = `/v1/client/sign_ins/${waiting.signIn.id}`
    const paths = ['/v1/me/totp', '/v1/me/totp/attempt_verification', '/v1/me/backup_codes', `${attempt}/prepare_second_factor`, `${attempt}/attempt_second_factor`]
    for (const caller of [client, waiting.client, await fapiClient(t.emulator)]) {
      for (const path of paths) {
        for (const form of forms) {
          const res = await caller.call('POST', path, { form })
          expect(res.status, `${path} ${JSON.stringify(form).slice(0, 60)}: ${res.text.slice(0, 200)}`).toBeLessThan(500)
        }
      }
    }
  })
})

describe('/v1/environment with --mfa', () => {
  it('offers an authenticator app and backup codes as second factors', async () => {
    const env = (await (await fapiClient(t.emulator)).call('GET', '/v1/environment')).json
    expect(env.auth_config.second_factors).toEqual(['totp', 'backup_code'])
    expect(env.user_settings.attributes.authenticator_app).toMatchObject({ enabled: true, used_for_second_factor: true, second_factors: ['totp'] })
    expect(env.user_settings.attributes.backup_code).toMatchObject({ enabled: true, used_for_second_factor: true, second_factors: ['backup_code'] })
    expect(env.user_settings.sign_in.second_factor).toEqual({ required: false })
  })

  it('off offers none, and required says so in sign_in.second_factor', async () => {
    const off = await startTestEmulator()
    const required = await startTestEmulator({ mfa: 'required' })
    try {
      const offEnv = (await (await fapiClient(off.emulator)).call('GET', '/v1/environment')).json
      expect(offEnv.auth_config.second_factors).toEqual([])
      expect(offEnv.user_settings.attributes.authenticator_app.used_for_second_factor).toBe(false)
      const requiredEnv = (await (await fapiClient(required.emulator)).call('GET', '/v1/environment')).json
      expect(requiredEnv.user_settings.sign_in.second_factor).toEqual({ required: true })
      const client = await fapiClient(off.emulator)
      await client.signUp({ email_address: uniqueEmail('off'), password: PASSWORD })
      expect((await client.call('POST', '/v1/me/totp')).json.errors[0].code).toBe('not_allowed_access')
    }
    finally {
      await off.stop()
      await required.stop()
    }
  })
})
