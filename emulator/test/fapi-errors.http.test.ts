import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fapiClient, fapiRequest } from './helpers/fapi.ts'
import { fapiSchemaErrors } from './helpers/fapi-schema.ts'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'

// Clerk's Frontend API error envelope carries the caller's client as `meta.client`; clerk-js adopts
// it as it adopts a success's `client` (Client.ts getClientResourceFromPayload), which is how a tab
// whose sign-in meets `session_exists` finds the session another tab started.

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator()
})

afterAll(async () => {
  await t?.stop()
})

describe('the Frontend API\'s error envelope', () => {
  it('carries the client, with the session another tab signed in, on session_exists', async () => {
    const email = uniqueEmail('tabs')
    await t.clerk.users.createUser({ emailAddress: [email], password: PASSWORD })
    const browser = await fapiClient(t.emulator)
    const signedIn = await browser.call('POST', '/v1/client/sign_ins', { form: { identifier: email, password: PASSWORD, strategy: 'password' } })
    const sessionId = signedIn.json.response.created_session_id as string

    // The second tab's <SignIn/> still thinks it is signed out, and submits an identifier.
    const again = await browser.call('POST', '/v1/client/sign_ins', { form: { identifier: email } })
    expect(again.status).toBe(400)
    expect(again.json.errors[0].code).toBe('session_exists')
    expect(again.json.meta.client).toMatchObject({ object: 'client', last_active_session_id: sessionId })
    expect(again.json.meta.client.sessions.map((s: { id: string }) => s.id)).toEqual([sessionId])
    expect(fapiSchemaErrors('POST /v1/client/sign_ins', 400, again.json)).toBeNull()
    expect(fapiSchemaErrors('GET /v1/client', 200, { response: again.json.meta.client, client: null })).toBeNull()
  })

  it('carries the client on a form error too, and none where no client was reached', async () => {
    const browser = await fapiClient(t.emulator)
    const unknown = await browser.call('POST', '/v1/client/sign_ins', { form: { identifier: uniqueEmail('nobody') } })
    expect(unknown.json.errors[0].code).toBe('form_identifier_not_found')
    expect(unknown.json.meta.client.object).toBe('client')

    const noDevBrowser = await fapiRequest(`${t.emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/client`, { headers: { origin: 'http://localhost:3000' } })
    expect(noDevBrowser.json.errors[0].code).toBe('dev_browser_unauthenticated')
    expect(noDevBrowser.json.meta).toBeUndefined()
  })
})
