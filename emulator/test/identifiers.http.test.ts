import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { fapiClient, type FapiResponse, type FapiTestClient } from './helpers/fapi.ts'
import { fapiSchemaErrors } from './helpers/fapi-schema.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// Usernames and phone numbers in the Frontend API, as clerk-js calls it, every answer checked
// against Clerk's published schema: sign-up with an SMS code, sign-in by phone code and by
// username, and <UserProfile/>'s phone numbers and username.

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ identifiers: { email_address: 'optional', username: 'optional', phone_number: 'optional' } })
})
afterAll(() => t?.stop())

let counter = 0
/** One of Clerk's test numbers (+1 XXX 555-01nn, code 424242), unique per call. */
const testNumber = () => `+1202555${String(100 + (counter++ % 100)).padStart(4, '0')}`

function conforms(operation: string, res: FapiResponse): FapiResponse {
  expect(fapiSchemaErrors(operation, res.status, res.json), `${operation} ${res.status}`).toBeNull()
  return res
}

async function smsTo(phone: string): Promise<Array<{ code: string }>> {
  const res = await fetch(`${t.emulator.url}/__emulator/sms?to=${encodeURIComponent(phone)}`, { headers: CONTROL_HEADERS })
  return (await res.json()).data
}

async function signUpByPhone(client: FapiTestClient, phone: string, extra: Record<string, string> = {}) {
  const created = conforms('POST /v1/client/sign_ups', await client.call('POST', '/v1/client/sign_ups', { form: { phone_number: phone, password: PASSWORD, ...extra } }))
  const id = created.json.response.id as string
  conforms('POST /v1/client/sign_ups/{sign_up_id}/prepare_verification', await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: { strategy: 'phone_code' } }))
  const done = conforms('POST /v1/client/sign_ups/{sign_up_id}/attempt_verification', await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { strategy: 'phone_code', code: '424242' } }))
  return { created, done, me: { _clerk_session_id: done.json.response.created_session_id as string } }
}

describe('phone numbers and usernames in the Frontend API', () => {
  it('signs up with a phone number once its SMS code (from the outbox) is entered', async () => {
    const client = await fapiClient(t.emulator)
    const phone = testNumber()
    const created = await client.call('POST', '/v1/client/sign_ups', { form: { phone_number: phone, username: 'texter_1', password: PASSWORD } })
    expect(created.json.response).toMatchObject({ status: 'missing_requirements', phone_number: phone, username: 'texter_1', unverified_fields: ['phone_number'], missing_fields: [] })
    expect(created.json.response.optional_fields).toEqual(expect.arrayContaining(['email_address', 'phone_number', 'username']))
    const id = created.json.response.id
    await client.call('POST', `/v1/client/sign_ups/${id}/prepare_verification`, { form: { strategy: 'phone_code' } })
    expect((await smsTo(phone)).map(m => m.code)).toEqual(['424242'])
    const wrong = await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { strategy: 'phone_code', code: '000000' } })
    expect(wrong.json.errors[0]).toMatchObject({ code: 'form_code_incorrect' })
    expect(Object.values(t.emulator.store.data.users).some(u => u.username === 'texter_1')).toBe(false)
    const done = await client.call('POST', `/v1/client/sign_ups/${id}/attempt_verification`, { form: { strategy: 'phone_code', code: '424242' } })
    expect(done.json.response.status).toBe('complete')
    const user = conforms('GET /v1/me', await client.call('GET', '/v1/me', { query: { _clerk_session_id: done.json.response.created_session_id } })).json.response
    expect(user).toMatchObject({ username: 'texter_1', primary_phone_number_id: user.phone_numbers[0].id, email_addresses: [] })
    expect(user.phone_numbers[0]).toMatchObject({ phone_number: phone, verification: { status: 'verified', strategy: 'phone_code' } })
  })

  it('refuses a malformed or taken number and a bad or taken username, naming the field', async () => {
    const phone = testNumber()
    await signUpByPhone(await fapiClient(t.emulator), phone, { username: 'taken_name' })
    const client = await fapiClient(t.emulator)
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ phone_number: '12345' }, 'form_param_format_invalid', 'phone_number'],
      [{ phone_number: phone }, 'form_identifier_exists', 'phone_number'],
      [{ username: 'TAKEN_NAME', email_address: uniqueEmail() }, 'form_identifier_exists', 'username'],
      [{ username: 'a b c d', email_address: uniqueEmail() }, 'form_username_invalid_character', 'username'],
    ]
    for (const [form, code, param] of cases) {
      const res = await client.call('POST', '/v1/client/sign_ups', { form: { password: PASSWORD, ...form } })
      expect(res.status, JSON.stringify(form)).toBe(422)
      expect(res.json.errors[0]).toMatchObject({ code, meta: { param_name: param } })
    }
  })

  it('signs in by phone number with an SMS code, and by username with the password', async () => {
    const phone = testNumber()
    await signUpByPhone(await fapiClient(t.emulator), phone, { username: 'signs_in' })
    const byPhone = await fapiClient(t.emulator)
    const started = conforms('POST /v1/client/sign_ins', await byPhone.call('POST', '/v1/client/sign_ins', { form: { identifier: phone } }))
    expect(started.json.response.supported_identifiers).toEqual(['email_address', 'phone_number', 'username'])
    const factor = started.json.response.supported_first_factors.find((f: { strategy: string }) => f.strategy === 'phone_code')
    expect(factor).toMatchObject({ safe_identifier: phone, primary: true })
    const id = started.json.response.id
    conforms('POST /v1/client/sign_ins/{sign_in_id}/prepare_first_factor', await byPhone.call('POST', `/v1/client/sign_ins/${id}/prepare_first_factor`, { form: { strategy: 'phone_code', phone_number_id: factor.phone_number_id } }))
    const done = conforms('POST /v1/client/sign_ins/{sign_in_id}/attempt_first_factor', await byPhone.call('POST', `/v1/client/sign_ins/${id}/attempt_first_factor`, { form: { strategy: 'phone_code', code: '424242' } }))
    expect(done.json.response.status).toBe('complete')

    const byUsername = await fapiClient(t.emulator)
    const instant = await byUsername.call('POST', '/v1/client/sign_ins', { form: { identifier: 'SIGNS_IN', password: PASSWORD, strategy: 'password' } })
    expect(instant.json.response.status).toBe('complete')
  })

  it('adds, verifies, makes primary and removes a phone number, and sets the username, in <UserProfile/>\'s calls', async () => {
    const first = testNumber()
    const client = await fapiClient(t.emulator)
    const { me } = await signUpByPhone(client, first)
    const second = testNumber()
    const added = conforms('POST /v1/me/phone_numbers', await client.call('POST', '/v1/me/phone_numbers', { form: { phone_number: second }, query: me }))
    const phoneId = added.json.response.id as string
    expect(added.json.response.verification).toBeNull()
    conforms('POST /v1/me/phone_numbers/{phone_number_id}/prepare_verification', await client.call('POST', `/v1/me/phone_numbers/${phoneId}/prepare_verification`, { form: { strategy: 'phone_code' }, query: me }))
    const verified = conforms('POST /v1/me/phone_numbers/{phone_number_id}/attempt_verification', await client.call('POST', `/v1/me/phone_numbers/${phoneId}/attempt_verification`, { form: { code: '424242' }, query: me }))
    expect(verified.json.response.verification.status).toBe('verified')
    conforms('GET /v1/me/phone_numbers', await client.call('GET', '/v1/me/phone_numbers', { query: me }))
    conforms('GET /v1/me/phone_numbers/{phone_number_id}', await client.call('GET', `/v1/me/phone_numbers/${phoneId}`, { query: me }))

    const patched = conforms('PATCH /v1/me', await client.call('PATCH', '/v1/me', { form: { primary_phone_number_id: phoneId, username: 'profile_name' }, query: me }))
    expect(patched.json.response).toMatchObject({ primary_phone_number_id: phoneId, username: 'profile_name' })
    const oldId = patched.json.response.phone_numbers.find((p: { phone_number: string }) => p.phone_number === first).id
    conforms('DELETE /v1/me/phone_numbers/{phone_number_id}', await client.call('DELETE', `/v1/me/phone_numbers/${oldId}`, { query: me }))
    const user = (await t.clerk.users.getUser(patched.json.response.id))
    expect(user.phoneNumbers.map(p => p.phoneNumber)).toEqual([second])
    expect(user.username).toBe('profile_name')
  })

  it('refuses a username or phone number on an instance that has none', async () => {
    const plain = await startTestEmulator()
    try {
      const client = await fapiClient(plain.emulator)
      for (const field of ['username', 'phone_number']) {
        const res = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: uniqueEmail(), password: PASSWORD, [field]: field === 'username' ? 'someone' : testNumber() } })
        expect(res.json.errors[0]).toMatchObject({ code: 'form_param_unknown', meta: { param_name: field } })
      }
    }
    finally {
      await plain.stop()
    }
  })
})
