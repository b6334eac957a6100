import { verifyWebhook } from '@clerk/backend/webhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fapiClient } from './helpers/fapi.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts'

// Webhooks as Clerk sends them through Svix, checked by Clerk's own verifier, unmodified.

let t: TestEmulator
let receiver: WebhookReceiver
let secret: string
beforeAll(async () => {
  receiver = await startWebhookReceiver()
  t = await startTestEmulator({ webhookUrls: [receiver.url], webhookRetryDelaysMs: [20, 20, 20], emailVerification: true })
  secret = t.emulator.env.CLERK_WEBHOOK_SIGNING_SECRET!
})
afterEach(() => {
  receiver.answer = (_hook, res) => { res.writeHead(204).end() }
})
afterAll(async () => {
  await t.stop()
  await receiver.stop()
})

const idOf = (body: string) => (JSON.parse(body) as { data: { id: string } }).data.id

describe('a delivered event', () => {
  it('is a user.created that verifyWebhook accepts, in Clerk\'s payload shape', async () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(t.emulator.env.NUXT_CLERK_WEBHOOK_SIGNING_SECRET).toBe(secret)
    const email = uniqueEmail('hook')
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD, firstName: 'Ada' })
    const [hook] = (await receiver.waitFor('user.created')).filter(h => idOf(h.body) === user.id)
    expect(hook!.headers['svix-id']).toMatch(/^msg_/)
    expect(hook!.headers['content-type']).toBe('application/json')
    const event = await verifyWebhook(receiver.asRequest(hook!), { signingSecret: secret })
    expect(event).toMatchObject({ type: 'user.created', object: 'event', instance_id: t.emulator.keys.kid, data: { id: user.id, object: 'user', first_name: 'Ada' } })
    expect(event.event_attributes.http_request).toMatchObject({ client_ip: expect.stringContaining('127.0.0.1'), user_agent: expect.any(String) })
    expect(typeof event.timestamp).toBe('number')
    const body = JSON.parse(hook!.body) as { data: { email_addresses: { email_address: string }[] } }
    expect(body.data.email_addresses[0]!.email_address).toBe(email)
  })

  it('with one byte changed, or under another secret, is refused', async () => {
    const [hook] = await receiver.waitFor('user.created')
    const tampered = hook!.body.replace('"object":"event"', '"object":"evenT"')
    expect(tampered).not.toBe(hook!.body)
    await expect(verifyWebhook(receiver.asRequest(hook!, tampered), { signingSecret: secret })).rejects.toThrow(/verify/i)
    const other = `whsec_${Buffer.alloc(24, 7).toString('base64')}`
    await expect(verifyWebhook(receiver.asRequest(hook!), { signingSecret: other })).rejects.toThrow(/verify/i)
  })
})

describe('delivery', () => {
  it('retries a failing receiver and delivers on the third attempt, re-signed each time', async () => {
    let failures = 0
    receiver.answer = (hook, res) => {
      if (hook.type === 'user.updated' && failures < 2) {
        failures++
        res.writeHead(500).end('down')
      }
      else res.writeHead(200).end('ok')
    }
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('retry')], password: PASSWORD })
    await t.clerk.users.updateUserMetadata(user.id, { publicMetadata: { plan: 'pro' } })
    const attempts = (await receiver.waitFor('user.updated', 3)).filter(h => idOf(h.body) === user.id)
    expect(attempts).toHaveLength(3)
    expect(new Set(attempts.map(h => h.headers['svix-id'])).size).toBe(1)
    for (const attempt of attempts) {
      const event = await verifyWebhook(receiver.asRequest(attempt), { signingSecret: secret })
      expect(event.data).toMatchObject({ id: user.id, public_metadata: { plan: 'pro' } })
    }
    const listed = await (await fetch(`${t.emulator.url}/__emulator/webhooks`, { headers: CONTROL_HEADERS })).json() as { data: { id: string, state: string, attempts: { status: number }[] }[] }
    const delivery = listed.data.find(d => d.id === attempts[0]!.headers['svix-id'])
    expect(delivery).toMatchObject({ state: 'delivered' })
    expect(delivery!.attempts.map(a => a.status)).toEqual([500, 500, 200])
  })

  it('never holds up the API call that caused it: the receiver answers only after the call returned', async () => {
    let release!: () => void
    const released = new Promise<void>((resolve) => { release = resolve })
    receiver.answer = async (hook, res) => {
      // Held open until the API call below has returned: a delivery awaited by the call would deadlock here.
      if (hook.type === 'user.created') await released
      res.writeHead(204).end()
    }
    // Resolves only if the answer does not wait for the delivery, which is still held open.
    const user = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('slow')], password: PASSWORD })
    const held = await receiver.waitForId('user.created', user.id)
    const delivery = t.emulator.ctx.webhooks.deliveries.find(d => d.id === held.headers['svix-id'])
    expect(delivery).toMatchObject({ state: 'pending', attempts: [{ status: null }] })
    release()
    expect((await verifyWebhook(receiver.asRequest(held), { signingSecret: secret })).data).toMatchObject({ id: user.id })
  })

  it('replays a delivery on request with the same message id', async () => {
    const [first] = await receiver.waitFor('user.created')
    const id = first!.headers['svix-id']!
    const before = receiver.received.filter(h => h.headers['svix-id'] === id).length
    const replayed = await fetch(`${t.emulator.url}/__emulator/webhooks/${id}/replay`, { method: 'POST', headers: CONTROL_HEADERS })
    expect(replayed.status).toBe(200)
    await receiver.waitFor('user.created', receiver.received.filter(h => h.type === 'user.created').length + 1)
    const copies = receiver.received.filter(h => h.headers['svix-id'] === id)
    expect(copies.length).toBe(before + 1)
    expect((await verifyWebhook(receiver.asRequest(copies.at(-1)!), { signingSecret: secret })).type).toBe('user.created')
    const missing = await fetch(`${t.emulator.url}/__emulator/webhooks/msg_nope/replay`, { method: 'POST', headers: CONTROL_HEADERS })
    expect(missing.status).toBe(404)
  })
})

describe('the events', () => {
  it('follow users, sessions and emails through both APIs', async () => {
    const email = uniqueEmail('events')
    const user = await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const bapiSession = await t.bapi('POST', '/v1/sessions', { json: { user_id: user.id } })
    expect(bapiSession.status).toBe(200)
    await t.clerk.sessions.revokeSession(bapiSession.json.id)

    const browser = await fapiClient(t.emulator)
    const signIn = await browser.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    const sessionId = signIn.json.response.created_session_id as string
    expect(sessionId).toMatch(/^sess_/)
    await browser.call('POST', `/v1/client/sessions/${sessionId}/end`)
    const again = await browser.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    await browser.call('POST', `/v1/client/sessions/${again.json.response.created_session_id}/remove`)

    const signUpEmail = uniqueEmail('signup')
    const signUp = await browser.call('POST', '/v1/client/sign_ups', { form: { email_address: signUpEmail, password: PASSWORD } })
    await browser.call('POST', `/v1/client/sign_ups/${signUp.json.response.id}/prepare_verification`, { form: { strategy: 'email_code' } })
    const banned = await t.bapi('POST', '/v1/sessions', { json: { user_id: user.id } })
    await t.clerk.users.banUser(user.id)
    await t.clerk.users.deleteUser(user.id)

    const expected = ['session.created', 'session.revoked', 'session.ended', 'session.removed', 'email.created', 'user.deleted'] as const
    for (const type of expected) await receiver.waitFor(type)
    const events = await Promise.all(receiver.received.map(h => verifyWebhook(receiver.asRequest(h), { signingSecret: secret })))
    const mine = (type: string) => events.filter(e => e.type === type)
    expect(mine('session.revoked').some(e => (e.data as { id: string }).id === bapiSession.json.id)).toBe(true)
    expect(mine('session.ended').some(e => (e.data as { id: string, status: string }).id === sessionId)).toBe(true)
    expect(mine('session.created').find(e => (e.data as { id: string }).id === sessionId)?.data).toMatchObject({ object: 'session', user_id: user.id, status: 'active', user: { id: user.id } })
    expect(mine('email.created').find(e => (e.data as { to_email_address: string }).to_email_address === signUpEmail)?.data)
      .toMatchObject({ object: 'email', slug: 'verification_code', data: { otp_code: expect.stringMatching(/^\d{6}$/) } })
    expect(mine('session.revoked').some(e => (e.data as { id: string }).id === banned.json.id)).toBe(true)
    expect(mine('user.updated').some(e => (e.data as { id: string, banned: boolean }).id === user.id && (e.data as { banned: boolean }).banned)).toBe(true)
    expect(mine('user.deleted').find(e => (e.data as { id: string }).id === user.id)?.data).toEqual({ object: 'user', id: user.id, deleted: true })
  })

  it('are not emitted for a sign-in or a token refresh, which only move activity timestamps', async () => {
    const email = uniqueEmail('quiet')
    await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const browser = await fapiClient(t.emulator)
    const signIn = await browser.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    const sessionId = signIn.json.response.created_session_id as string
    const userId = signIn.json.client.sessions[0].user.id as string
    await receiver.waitForId('session.created', sessionId)
    const updatesBefore = receiver.received.filter(h => h.type === 'user.updated' && idOf(h.body) === userId).length
    for (let i = 0; i < 3; i++) expect((await browser.call('POST', `/v1/client/sessions/${sessionId}/tokens`)).status).toBe(200)
    // A marker change after the refreshes: once its event arrived, any refresh event would have too.
    await t.clerk.users.updateUserMetadata(userId, { publicMetadata: { marker: 1 } })
    const marker = await receiver.waitForId('user.updated', userId)
    expect(JSON.parse(marker.body).data.public_metadata).toEqual({ marker: 1 })
    expect(receiver.received.filter(h => h.type === 'user.updated' && idOf(h.body) === userId).length - updatesBefore).toBe(1)
  })
})
