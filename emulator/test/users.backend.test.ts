import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiError, PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

let t: TestEmulator
beforeAll(async () => { t = await startTestEmulator() })
afterAll(() => t.stop())

describe('users through @clerk/backend', () => {
  it('creates, reads, updates and deletes a user', async () => {
    const email = uniqueEmail('crud')
    const created = await t.clerk.users.createUser({
      emailAddress: [email], password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace',
      publicMetadata: { plan: 'free' }, privateMetadata: { note: 'vip' }, unsafeMetadata: { theme: 'dark' },
    })
    expect(created.id).toMatch(/^user_[0-9A-Za-z]{27}$/)
    expect(created.primaryEmailAddress?.emailAddress).toBe(email)
    expect(created.passwordEnabled).toBe(true)
    expect(created.publicMetadata).toEqual({ plan: 'free' })
    expect(created.privateMetadata).toEqual({ note: 'vip' })
    expect(created.unsafeMetadata).toEqual({ theme: 'dark' })
    // Backend API timestamps are milliseconds.
    expect(Math.abs(created.createdAt - Date.now())).toBeLessThan(60_000)

    const fetched = await t.clerk.users.getUser(created.id)
    expect(fetched.fullName).toBe('Ada Lovelace')

    const updated = await t.clerk.users.updateUser(created.id, { firstName: 'Augusta', username: 'ada_l' })
    expect(updated.firstName).toBe('Augusta')
    expect(updated.username).toBe('ada_l')
    expect(updated.updatedAt).toBeGreaterThanOrEqual(created.updatedAt)

    const deleted = await t.clerk.users.deleteUser(created.id)
    expect(deleted).toMatchObject({ id: created.id, deleted: true, object: 'user' })
    expect(await apiError(t.clerk.users.getUser(created.id))).toMatchObject({ status: 404, code: 'resource_not_found' })
  })

  it('changes the password: the old digest is replaced and password_last_updated_at is set', async () => {
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('pw')], password: PASSWORD })
    const before = t.emulator.store.data.users[user.id]!.password_digest
    const updated = await t.clerk.users.updateUser(user.id, { password: 'another-long-password' })
    expect(t.emulator.store.data.users[user.id]!.password_digest).not.toBe(before)
    expect(updated.raw?.password_last_updated_at).toBeGreaterThan(0)
    expect(JSON.stringify(t.emulator.store.data.users[user.id])).not.toContain('another-long-password')
    expect(await t.clerk.users.verifyPassword({ userId: user.id, password: 'another-long-password' })).toEqual({ verified: true })
    expect(await apiError(t.clerk.users.verifyPassword({ userId: user.id, password: PASSWORD }))).toMatchObject({ status: 422, code: 'incorrect_password' })
  })

  it('rejects what Clerk rejects with 422s naming the parameter', async () => {
    const email = uniqueEmail('dup')
    await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    expect(await apiError(t.clerk.users.createUser({ emailAddress: [email.toUpperCase()], password: PASSWORD })))
      .toMatchObject({ status: 422, code: 'form_identifier_exists', param: 'email_address' })
    expect(await apiError(t.clerk.users.createUser({ emailAddress: [uniqueEmail()], password: 'short' })))
      .toMatchObject({ status: 422, code: 'form_password_length_too_short', param: 'password' })
    expect(await apiError(t.clerk.users.createUser({ emailAddress: ['not-an-email'], password: PASSWORD })))
      .toMatchObject({ status: 422, code: 'form_param_format_invalid', param: 'email_address' })
    expect(await apiError(t.clerk.users.createUser({ password: PASSWORD })))
      .toMatchObject({ status: 422, code: 'form_param_missing', param: 'email_address' })
    expect(await apiError(t.clerk.users.createUser({ emailAddress: [uniqueEmail()] })))
      .toMatchObject({ status: 422, code: 'form_param_missing', param: 'password' })
    const owner = await t.clerk.users.createUser({ emailAddress: [uniqueEmail()], password: PASSWORD, username: `u${Date.now()}`, externalId: `ext-${Date.now()}` })
    expect(await apiError(t.clerk.users.createUser({ emailAddress: [uniqueEmail()], password: PASSWORD, username: owner.username!.toUpperCase() })))
      .toMatchObject({ status: 422, code: 'form_identifier_exists', param: 'username' })
    const other = await t.clerk.users.createUser({ emailAddress: [uniqueEmail()], password: PASSWORD })
    expect(await apiError(t.clerk.users.updateUser(other.id, { externalId: owner.externalId! })))
      .toMatchObject({ status: 422, code: 'form_identifier_exists', param: 'external_id' })
    // skipPasswordRequirement creates a password-less user, as on Clerk.
    const noPassword = await t.clerk.users.createUser({ emailAddress: [uniqueEmail()], skipPasswordRequirement: true })
    expect(noPassword.passwordEnabled).toBe(false)
  })

  it('lists with email filter, pagination, ordering and a matching count', async () => {
    const tag = `list${Date.now()}`
    const made = []
    for (const name of ['Carol', 'alice', 'Bob']) {
      made.push(await t.clerk.users.createUser({ emailAddress: [`${name.toLowerCase()}.${tag}@example.com`], password: PASSWORD, firstName: name }))
    }
    const byEmail = await t.clerk.users.getUserList({ emailAddress: [`ALICE.${tag}@example.com`, `bob.${tag}@example.com`] })
    expect(byEmail.data.map(u => u.firstName).sort()).toEqual(['Bob', 'alice'])
    expect(byEmail.totalCount).toBe(2)

    const query = await t.clerk.users.getUserList({ query: tag, orderBy: '+first_name' })
    expect(query.data.map(u => u.firstName)).toEqual(['alice', 'Bob', 'Carol'])
    const newestFirst = await t.clerk.users.getUserList({ query: tag })
    expect(newestFirst.data.map(u => u.id)).toEqual(made.map(u => u.id).reverse())
    const page = await t.clerk.users.getUserList({ query: tag, orderBy: '+created_at', limit: 1, offset: 1 })
    expect(page.data.map(u => u.id)).toEqual([made[1]!.id])
    expect(page.totalCount).toBe(3)
    expect(await t.clerk.users.getCount({ query: tag })).toBe(3)
    expect(await t.clerk.users.getCount({ emailAddress: [`nobody.${tag}@example.com`] })).toBe(0)
  })

  it('validates list parameters with 422s', async () => {
    expect((await t.bapi('GET', '/v1/users?limit=0')).status).toBe(422)
    expect((await t.bapi('GET', '/v1/users?limit=501')).status).toBe(422)
    expect((await t.bapi('GET', '/v1/users?offset=-1')).status).toBe(422)
    expect((await t.bapi('GET', '/v1/users?order_by=shoe_size')).json.errors[0].code).toBe('form_param_value_invalid')
  })
})
