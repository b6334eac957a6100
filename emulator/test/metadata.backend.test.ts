import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deepMerge } from '../src/bapi/metadata.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

let t: TestEmulator
beforeAll(async () => { t = await startTestEmulator() })
afterAll(() => t.stop())

async function newUser(publicMetadata: Record<string, unknown> = {}) {
  return t.clerk.users.createUser({ emailAddress: [uniqueEmail('meta')], password: PASSWORD, publicMetadata })
}

describe('deepMerge', () => {
  it('merges nested objects, deletes on null at any depth, replaces arrays and scalars', () => {
    const merged = deepMerge(
      { a: { b: 1, c: { d: 2, e: 3 } }, list: [1, 2], keep: true, gone: 'x' },
      { a: { c: { d: null, f: 4 } }, list: [3], gone: null, fresh: { g: null, h: 5 } },
    )
    expect(merged).toEqual({ a: { b: 1, c: { e: 3, f: 4 } }, list: [3], keep: true, fresh: { h: 5 } })
  })

  it('keeps keys like __proto__ as data, never as a prototype', () => {
    const merged = deepMerge({}, JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": {"x": 1}}}'))
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"polluted":true},"a":{"__proto__":{"x":1}}}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('does not mutate its inputs', () => {
    const target = { a: { b: 1 } }
    deepMerge(target, { a: { b: null } })
    expect(target).toEqual({ a: { b: 1 } })
  })
})

describe('PATCH /v1/users/{id}/metadata (updateUserMetadata)', () => {
  it('deep-merges each kind and deletes keys set to null', async () => {
    const user = await newUser({ onboarding: { step: 1, answers: { role: 'dev', team: 'core' } }, plan: 'free' })
    const updated = await t.clerk.users.updateUserMetadata(user.id, {
      publicMetadata: { onboarding: { step: 2, answers: { team: null } }, plan: null, onboardingComplete: true },
      privateMetadata: { stripe: { id: 'cus_1' } },
    })
    expect(updated.publicMetadata).toEqual({ onboarding: { step: 2, answers: { role: 'dev' } }, onboardingComplete: true })
    expect(updated.privateMetadata).toEqual({ stripe: { id: 'cus_1' } })
    expect(updated.unsafeMetadata).toEqual({})
    // The stored user changed too, not just the response.
    expect((await t.clerk.users.getUser(user.id)).publicMetadata).toEqual(updated.publicMetadata)
  })

  it('leaves metadata kinds that are not sent untouched', async () => {
    const user = await newUser({ a: 1 })
    await t.clerk.users.updateUserMetadata(user.id, { unsafeMetadata: { b: 2 } })
    const fetched = await t.clerk.users.getUser(user.id)
    expect(fetched.publicMetadata).toEqual({ a: 1 })
    expect(fetched.unsafeMetadata).toEqual({ b: 2 })
  })

  it('rejects a result over 8 KB with a 422 and stores nothing', async () => {
    const user = await newUser({ small: true })
    // 8 KB is checked on the merged result: two halves that fit alone do not fit together.
    await t.clerk.users.updateUserMetadata(user.id, { publicMetadata: { half1: 'x'.repeat(4100) } })
    await expect(t.clerk.users.updateUserMetadata(user.id, { publicMetadata: { half2: 'y'.repeat(4100) } })).rejects.toMatchObject({
      status: 422,
      errors: [{ code: 'form_param_exceeds_allowed_size', meta: { paramName: 'public_metadata' } }],
    })
    expect(Object.keys((await t.clerk.users.getUser(user.id)).publicMetadata).sort()).toEqual(['half1', 'small'])
  })

  it('accepts metadata exactly at the limit', async () => {
    const user = await newUser()
    // {"k":"…"} is 8 bytes of JSON around the value.
    const updated = await t.clerk.users.updateUserMetadata(user.id, { privateMetadata: { k: 'z'.repeat(8192 - 8) } })
    expect(JSON.stringify(updated.privateMetadata).length).toBe(8192)
  })

  it('answers 422 when a kind is not an object', async () => {
    const user = await newUser()
    const res = await t.bapi('PATCH', `/v1/users/${user.id}/metadata`, { json: { public_metadata: [1, 2] } })
    expect(res.status).toBe(422)
    expect(res.json.errors[0]).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'public_metadata' } })
  })

  it('answers 404 for an unknown user', async () => {
    const res = await t.bapi('PATCH', '/v1/users/user_missing/metadata', { json: { public_metadata: { a: 1 } } })
    expect(res.status).toBe(404)
  })
})

describe('PUT /v1/users/{id}/metadata (replaceUserMetadata, and updateUser with metadata)', () => {
  it('replaces supplied kinds wholesale and keeps the others', async () => {
    const user = await newUser({ a: { b: 1 }, c: 2 })
    await t.clerk.users.updateUserMetadata(user.id, { privateMetadata: { secret: 1 } })
    const replaced = await t.clerk.users.replaceUserMetadata(user.id, { publicMetadata: { a: { z: 9 } } })
    expect(replaced.publicMetadata).toEqual({ a: { z: 9 } })
    expect(replaced.privateMetadata).toEqual({ secret: 1 })
  })

  it('updateUser with publicMetadata goes through the replace endpoint, as @clerk/backend sends it', async () => {
    const user = await newUser({ old: true })
    const updated = await t.clerk.users.updateUser(user.id, { firstName: 'Grace', publicMetadata: { fresh: true } })
    expect(updated.firstName).toBe('Grace')
    expect(updated.publicMetadata).toEqual({ fresh: true })
  })

  it('enforces the 8 KB limit too', async () => {
    const user = await newUser()
    const res = await t.bapi('PUT', `/v1/users/${user.id}/metadata`, { json: { unsafe_metadata: { big: 'x'.repeat(9000) } } })
    expect(res.status).toBe(422)
    expect(res.json.errors[0].meta.param_name).toBe('unsafe_metadata')
  })
})

describe('the rate limit (opt-in)', () => {
  it('answers the 11th update of one user within 10 s with 429 and Retry-After', async () => {
    const limited = await startTestEmulator({ rateLimits: true })
    try {
      const user = await limited.clerk.users.createUser({ emailAddress: [uniqueEmail('rl')], password: PASSWORD })
      const other = await limited.clerk.users.createUser({ emailAddress: [uniqueEmail('rl')], password: PASSWORD })
      for (let i = 0; i < 10; i++) await limited.clerk.users.updateUserMetadata(user.id, { publicMetadata: { i } })
      await expect(limited.clerk.users.updateUserMetadata(user.id, { publicMetadata: { i: 11 } }))
        .rejects.toMatchObject({ status: 429, retryAfter: expect.any(Number), errors: [{ code: 'too_many_requests' }] })
      // The limit is per user.
      await limited.clerk.users.updateUserMetadata(other.id, { publicMetadata: { ok: true } })
    }
    finally {
      await limited.stop()
    }
  })

  it('is off by default', async () => {
    const user = await newUser()
    for (let i = 0; i < 12; i++) await t.clerk.users.updateUserMetadata(user.id, { publicMetadata: { i } })
  })
})
