import { isClerkAPIResponseError } from '@clerk/backend/errors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newTotpSecret, totpCode } from '../src/totp.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { fapiClient } from './helpers/fapi.ts'
import { providerTrip } from './helpers/oauth.ts'

// A user's second factors through @clerk/backend: set up at creation or update (`totpSecret`,
// `backupCodes`), read back as the user's flags, checked with `verifyTOTP` (a backup code is
// spent), and turned off with `disableUserMFA`, `deleteUserTOTP` and `deleteUserBackupCodes`.

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator({ mfa: 'on', social: ['google'] })
})

afterAll(async () => {
  await t?.stop()
})

/** The Clerk error code @clerk/backend threw for a call, or null when it succeeded. */
async function errorCode(call: Promise<unknown>): Promise<string | null> {
  try {
    await call
    return null
  }
  catch (error) {
    if (!isClerkAPIResponseError(error)) throw error
    return error.errors[0]?.code ?? null
  }
}

async function mfaUser(secret = newTotpSecret(), backupCodes = ['alpha-one', 'beta-two']) {
  const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('bapi-mfa')], password: PASSWORD, totpSecret: secret, backupCodes })
  return { user, secret, backupCodes }
}

describe('second factors through the Backend API', () => {
  it('a user created with a TOTP secret and backup codes has them on, and signs in with them', async () => {
    const { user, secret } = await mfaUser()
    expect([user.twoFactorEnabled, user.totpEnabled, user.backupCodeEnabled]).toEqual([true, true, true])
    expect((await t.bapi('GET', `/v1/users/${user.id}`)).json.mfa_enabled_at).toBeGreaterThan(0)

    const client = await fapiClient(t.emulator)
    const signIn = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: user.emailAddresses[0]!.emailAddress, password: PASSWORD } })
    expect(signIn.json.response.status).toBe('needs_second_factor')
    const done = await client.call('POST', `/v1/client/sign_ins/${signIn.json.response.id}/attempt_second_factor`, { form: { strategy: 'totp', code: totpCode(secret) } })
    expect(done.json.response.status).toBe('complete')
  })

  it('verifyTOTP takes the app\'s code, and a backup code once', async () => {
    const { user, secret, backupCodes } = await mfaUser()
    // A code is good for its whole window, used or not (Clerk documents no replay check).
    const code = totpCode(secret)
    expect(await t.clerk.users.verifyTOTP({ userId: user.id, code })).toEqual({ verified: true, code_type: 'totp' })
    expect(await t.clerk.users.verifyTOTP({ userId: user.id, code })).toEqual({ verified: true, code_type: 'totp' })
    expect(await t.clerk.users.verifyTOTP({ userId: user.id, code: backupCodes[0]! })).toEqual({ verified: true, code_type: 'backup_code' })
    expect(await errorCode(t.clerk.users.verifyTOTP({ userId: user.id, code: backupCodes[0]! }))).toBe('form_code_incorrect')
    expect(await errorCode(t.clerk.users.verifyTOTP({ userId: user.id, code: '000000' }))).toBe('form_code_incorrect')

    const plain = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('no-mfa')], password: PASSWORD })
    expect(await errorCode(t.clerk.users.verifyTOTP({ userId: plain.id, code: '123456' }))).toBe('totp_not_enabled')
    expect(await errorCode(t.clerk.users.verifyTOTP({ userId: 'user_missing', code: '123456' }))).toBe('resource_not_found')
  })

  it('deleteUserBackupCodes, deleteUserTOTP and disableUserMFA turn factors off', async () => {
    const first = await mfaUser()
    expect(await t.clerk.users.deleteUserBackupCodes(first.user.id)).toEqual({ user_id: first.user.id })
    let user = await t.clerk.users.getUser(first.user.id)
    expect([user.twoFactorEnabled, user.totpEnabled, user.backupCodeEnabled]).toEqual([true, true, false])
    await t.clerk.users.deleteUserTOTP(first.user.id)
    user = await t.clerk.users.getUser(first.user.id)
    expect([user.twoFactorEnabled, user.totpEnabled, user.backupCodeEnabled]).toEqual([false, false, false])
    expect((await t.bapi('GET', `/v1/users/${user.id}`)).json.mfa_disabled_at).toBeGreaterThan(0)

    const second = await mfaUser()
    expect(await t.clerk.users.disableUserMFA(second.user.id)).toEqual({ user_id: second.user.id })
    user = await t.clerk.users.getUser(second.user.id)
    expect([user.twoFactorEnabled, user.totpEnabled, user.backupCodeEnabled]).toEqual([false, false, false])
    expect(await errorCode(t.clerk.users.disableUserMFA('user_missing'))).toBe('resource_not_found')
  })

  it('spends a backup code once even when two checks race for it', async () => {
    const { user, backupCodes } = await mfaUser()
    const results = await Promise.all([0, 1, 2].map(() => errorCode(t.clerk.users.verifyTOTP({ userId: user.id, code: backupCodes[1]! }))))
    expect(results.sort()).toEqual(['form_code_incorrect', 'form_code_incorrect', null])
  })

  it('backup codes alone are no second factor: such a user signs in with the password', async () => {
    const email = uniqueEmail('codes-only')
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD, backupCodes: ['lonely-code'] })
    expect([user.twoFactorEnabled, user.backupCodeEnabled]).toEqual([false, true])
    const client = await fapiClient(t.emulator)
    const signIn = await client.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD } })
    expect(signIn.json.response.status).toBe('complete')
  })

  it('a social sign-in of such a user goes back to the sso-callback route and asks for the second factor', async () => {
    const { user, secret } = await mfaUser()
    const client = await fapiClient(t.emulator)
    const sso = 'http://localhost:3000/sign-in/sso-callback'
    const start = await client.call('POST', '/v1/client/sign_ins', { form: { strategy: 'oauth_google', redirect_url: sso, action_complete_redirect_url: 'http://localhost:3000/dashboard' } })
    const { callback } = await providerTrip(start.json.response.first_factor_verification.external_verification_redirect_url, { email: user.emailAddresses[0]!.emailAddress })
    expect(callback.headers.get('location')).toBe(sso)
    const signIn = (await client.call('GET', '/v1/client')).json.response.sign_in
    expect(signIn).toMatchObject({ status: 'needs_second_factor', first_factor_verification: { status: 'verified', strategy: 'oauth_google' } })
    const done = await client.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_second_factor`, { form: { strategy: 'totp', code: totpCode(secret) } })
    expect(done.json.response.status).toBe('complete')
  })

  it('a sign-in token signs such a user in without a second factor', async () => {
    const { user } = await mfaUser()
    const { token } = await t.clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 60 })
    const client = await fapiClient(t.emulator)
    const signIn = await client.call('POST', '/v1/client/sign_ins', { form: { strategy: 'ticket', ticket: token } })
    expect(signIn.json.response).toMatchObject({ status: 'complete', second_factor_verification: null })
  })

  it('updateUser sets a secret on an existing user', async () => {
    const plain = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('later')], password: PASSWORD })
    const secret = newTotpSecret()
    const updated = await t.clerk.users.updateUser(plain.id, { totpSecret: secret })
    expect([updated.twoFactorEnabled, updated.totpEnabled, updated.backupCodeEnabled]).toEqual([true, true, false])
    expect(await t.clerk.users.verifyTOTP({ userId: plain.id, code: totpCode(secret) })).toMatchObject({ code_type: 'totp' })
  })

  it('refuses a secret that is not base32, or one the instance does not offer, and creates nothing', async () => {
    const email = uniqueEmail('bad-secret')
    const bad = t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD, totpSecret: 'not base32!' })
    expect(await errorCode(bad)).toBe('form_param_format_invalid')
    expect((await t.clerk.users.getUserList({ emailAddress: [email] })).data).toEqual([])

    const off = await startTestEmulator()
    try {
      expect(await errorCode(off.clerk.users.createUser({ emailAddress: [email], password: PASSWORD, totpSecret: newTotpSecret() }))).toBe('form_param_value_invalid')
      expect(Object.keys(off.emulator.store.data.users)).toEqual([])
    }
    finally {
      await off.stop()
    }
  })
})
