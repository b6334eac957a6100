import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fapiClient } from './helpers/fapi.ts'
import { startTestEmulator, type TestEmulator } from './helpers/emulator.ts'

// One rule per domain fact, seen identically through both APIs: session expiry and abandonment,
// the password length (counted in bytes, as bcrypt does), and the e-mail address shape.

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator()
})

afterAll(async () => {
  await t?.stop()
})

async function signUp(email: string) {
  const client = await fapiClient(t.emulator)
  const res = await client.signUp({ email_address: email, password: 'a-long-password' })
  return { client, sessionId: res.json.response.created_session_id as string }
}

describe('one rule per fact in both APIs', () => {
  for (const [field, status] of [['expire_at', 'expired'], ['abandon_at', 'abandoned']] as const) {
    it(`a session past its ${field} is ${status} in the Backend API and signed out in the Frontend API`, async () => {
      const { client, sessionId } = await signUp(`${status}@example.com`)
      t.emulator.store.data.sessions[sessionId]![field] = Date.now() - 1000
      expect((await t.bapi('GET', `/v1/sessions/${sessionId}`)).json.status).toBe(status)
      expect((await client.call('GET', '/v1/client')).json.response.sessions).toEqual([])
      expect(t.emulator.store.data.sessions[sessionId]!.status).toBe(status)
    })
  }

  it('a password of 37 characters but 74 bytes is too long for both', async () => {
    const password = 'é'.repeat(37)
    const client = await fapiClient(t.emulator)
    const fapi = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: 'long@example.com', password } })
    const bapi = await t.bapi('POST', '/v1/users', { json: { email_address: ['long2@example.com'], password } })
    for (const res of [fapi.json, bapi.json]) expect(res.errors[0]).toMatchObject({ code: 'form_password_length_too_long', message: 'Passwords must be 72 characters or less.' })
    const short = await t.bapi('POST', '/v1/users', { json: { email_address: ['short@example.com'], password: 'seven77' } })
    expect(short.json.errors[0].code).toBe('form_password_length_too_short')
  })

  it('the same addresses are refused by both', async () => {
    const client = await fapiClient(t.emulator)
    for (const email of ['no-at-sign', 'a@b', 'with space@example.com', `${'x'.repeat(310)}@example.com`]) {
      const fapi = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: email } })
      const bapi = await t.bapi('POST', '/v1/users', { json: { email_address: [email], password: 'a-long-password' } })
      expect([fapi.status, bapi.status]).toEqual([422, 422])
      expect([fapi.json.errors[0].code, bapi.json.errors[0].code]).toEqual(['form_param_format_invalid', 'form_param_format_invalid'])
    }
  })
})
