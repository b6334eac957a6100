import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiError, PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { schemaErrors } from './helpers/schema.ts'

// Usernames and phone numbers in the Backend API, through @clerk/backend, on an instance where
// users may have an email address, a username and a phone number (--identifiers).

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ identifiers: { email_address: 'optional', username: 'optional', phone_number: 'optional' } })
})
afterAll(() => t?.stop())

let counter = 0
/** One of Clerk's test numbers (+1 XXX 555-01nn), unique per call. */
const testNumber = () => `+1201555${String(100 + (counter++ % 100)).padStart(4, '0')}`

describe('users with usernames and phone numbers', () => {
  it('creates a user with only a username and a phone number, as E.164, the first number primary and verified', async () => {
    const phone = testNumber()
    const raw = await t.bapi('POST', '/v1/users', { json: { username: 'goalie_31', phone_number: [`${phone.slice(0, 2)} (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`], password: PASSWORD } })
    expect(raw.status, raw.text).toBe(200)
    expect(schemaErrors('POST /users', 200, raw.json)).toBeNull()
    const user = await t.clerk.users.getUser(raw.json.id)
    expect(user.username).toBe('goalie_31')
    expect(user.emailAddresses).toEqual([])
    expect(user.phoneNumbers.map(p => p.phoneNumber)).toEqual([phone])
    expect(user.primaryPhoneNumberId).toBe(user.phoneNumbers[0]!.id)
    expect(user.phoneNumbers[0]!.verification?.status).toBe('verified')
  })

  it('lists users by phone number, phone number query, username and the general query, and orders by phone number', async () => {
    const [first, second] = [testNumber(), testNumber()]
    const a = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('phone-a')], phoneNumber: [second], username: 'list_a', password: PASSWORD })
    const b = await t.clerk.users.createUser({ phoneNumber: [first], username: 'list_b', password: PASSWORD })

    expect((await t.clerk.users.getUserList({ phoneNumber: [first] })).data.map(u => u.id)).toEqual([b.id])
    expect((await t.clerk.users.getUserList({ phoneNumber: [first, second] })).totalCount).toBe(2)
    // @clerk/backend's list parameters have no phone_number_query; the API takes it.
    expect((await t.bapi('GET', `/v1/users?phone_number_query=${second.slice(-6)}`)).json.map((u: { id: string }) => u.id)).toEqual([a.id])
    expect((await t.clerk.users.getUserList({ username: ['LIST_A'] })).data.map(u => u.id)).toEqual([a.id])
    expect((await t.clerk.users.getUserList({ query: first.slice(-7) })).data.map(u => u.id)).toEqual([b.id])
    expect(await t.clerk.users.getCount({ phoneNumber: [first, second] })).toBe(2)
    const ordered = (await t.clerk.users.getUserList({ phoneNumber: [first, second], orderBy: '+phone_number' })).data
    expect(ordered.map(u => u.id)).toEqual([b.id, a.id])
  })

  it('moves the primary phone number to another verified one of the user\'s', async () => {
    const [first, second] = [testNumber(), testNumber()]
    const created = await t.clerk.users.createUser({ phoneNumber: [first, second], password: PASSWORD })
    const other = created.phoneNumbers.find(p => p.phoneNumber === second)!
    const updated = await t.clerk.users.updateUser(created.id, { primaryPhoneNumberID: other.id })
    expect(updated.primaryPhoneNumber?.phoneNumber).toBe(second)
    expect(await apiError(t.clerk.users.updateUser(created.id, { primaryPhoneNumberID: 'idn_not_mine' }))).toEqual({ status: 422, code: 'form_param_value_invalid', param: 'primary_phone_number_id' })
  })

  it('refuses a malformed or taken number, a bad username, and a user with no identifier, changing nothing', async () => {
    const taken = testNumber()
    await t.clerk.users.createUser({ phoneNumber: [taken], password: PASSWORD })
    const before = Object.keys(t.emulator.store.data.users).length
    expect(await apiError(t.clerk.users.createUser({ phoneNumber: ['555-0100'], password: PASSWORD }))).toEqual({ status: 422, code: 'form_param_format_invalid', param: 'phone_number' })
    expect(await apiError(t.clerk.users.createUser({ phoneNumber: [taken], password: PASSWORD }))).toEqual({ status: 422, code: 'form_identifier_exists', param: 'phone_number' })
    expect(await apiError(t.clerk.users.createUser({ username: 'no spaces', password: PASSWORD }))).toEqual({ status: 422, code: 'form_username_invalid_character', param: 'username' })
    expect(await apiError(t.clerk.users.createUser({ username: 'abc', password: PASSWORD }))).toEqual({ status: 422, code: 'form_username_invalid_length', param: 'username' })
    expect(await apiError(t.clerk.users.createUser({ username: '12345', password: PASSWORD }))).toEqual({ status: 422, code: 'form_username_needs_non_number_char', param: 'username' })
    expect(await apiError(t.clerk.users.createUser({ password: PASSWORD }))).toMatchObject({ status: 422, code: 'form_param_missing' })
    expect(Object.keys(t.emulator.store.data.users)).toHaveLength(before)
  })

  it('requires what the instance requires', async () => {
    const strict = await startTestEmulator({ identifiers: { email_address: 'required', phone_number: 'required' } })
    try {
      expect(await apiError(strict.clerk.users.createUser({ emailAddress: [uniqueEmail('strict')], password: PASSWORD }))).toEqual({ status: 422, code: 'form_param_missing', param: 'phone_number' })
      expect(await apiError(strict.clerk.users.createUser({ phoneNumber: [testNumber()], password: PASSWORD }))).toEqual({ status: 422, code: 'form_param_missing', param: 'email_address' })
    }
    finally {
      await strict.stop()
    }
  })
})
