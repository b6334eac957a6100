import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../src/cli-args.ts'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { CATEGORY_JWT_TEMPLATE } from '../src/tokens.ts'
import { APP_ORIGIN, fapiClient, fapiRequest, imageForm, TINY_PNG, type FapiTestClient } from './helpers/fapi.ts'

// What <UserProfile/> and getToken({ template }) need beyond sign-in: profile image upload and
// removal, account deletion behind --allow-delete, the common-password refusal behind
// --password-check, the device list's location, JWT templates from --jwt-template, and a 404
// that clerk-js can read (CORS headers included).

const TEMPLATE = { name: 'convex', claims: { aud: 'convex', email: '{{user.primary_email_address}}', sub: 'not-the-user' }, lifetime: 300, allowedClockSkew: 5 }

let plain: RunningEmulator
let extras: RunningEmulator

beforeAll(async () => {
  ;[plain, extras] = await Promise.all([
    startEmulator({ port: 0, memory: true, quiet: true }),
    startEmulator({ port: 0, memory: true, quiet: true, allowDelete: true, passwordCheck: true, jwtTemplates: [TEMPLATE] }),
  ])
})

afterAll(async () => {
  await Promise.all([plain?.stop(), extras?.stop()])
})

let counter = 0
async function signedIn(emulator: RunningEmulator) {
  const client = await fapiClient(emulator)
  const email = `account${++counter}-${Date.now()}@example.com`
  const res = await client.signUp({ email_address: email, password: 'a-long-password' })
  expect(res.status).toBe(200)
  const sessionId = res.json.response.created_session_id as string
  return { client, email, sessionId, userId: res.json.response.created_user_id as string, me: { _clerk_session_id: sessionId } }
}

async function user(client: FapiTestClient, me: Record<string, string>) {
  return (await client.call('GET', '/v1/me', { query: me })).json.response
}

describe('profile image', () => {
  it('stores an upload and serves it back at the URL image_url names', async () => {
    const { client, me } = await signedIn(plain)
    const before = await user(client, me)
    expect(before).toMatchObject({ has_image: false })
    const res = await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG), query: me })
    expect(res.status).toBe(200)
    expect(res.json.response).toMatchObject({ object: 'image', name: 'avatar.png' })
    const after = await user(client, me)
    expect(after).toMatchObject({ has_image: true, image_url: res.json.response.public_url })
    expect(res.json.client.sessions[0].public_user_data).toMatchObject({ has_image: true, image_url: after.image_url })

    const served = await fetch(after.image_url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true)
  })

  it('accepts the raw bytes as application/octet-stream too', async () => {
    const { client, me } = await signedIn(plain)
    const res = await client.call('POST', '/v1/me/profile_image', { body: TINY_PNG, contentType: 'application/octet-stream', query: me })
    expect(res.status).toBe(200)
    expect((await user(client, me)).has_image).toBe(true)
  })

  it('refuses what is not a JPG, PNG, GIF or WEBP, whatever the upload claims, and keeps the old image', async () => {
    const { client, me } = await signedIn(plain)
    await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG), query: me })
    const kept = (await user(client, me)).image_url
    for (const body of [imageForm(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png'), imageForm(Buffer.from('plain text'), 'image/jpeg', 'x.jpg')]) {
      const res = await client.call('POST', '/v1/me/profile_image', { body, query: me })
      expect(res.status).toBe(422)
      expect(res.json.errors[0]).toMatchObject({ code: 'avatar_file_type_invalid', meta: { param_name: 'file' } })
    }
    expect((await user(client, me)).image_url).toBe(kept)
  })

  it('refuses a file over 10 MB with 413, a broken form with 400, and a form without a file with 422', async () => {
    const { client, me } = await signedIn(plain)
    const big = Buffer.alloc(10 * 1000 * 1000 + 1, 0)
    TINY_PNG.copy(big)
    const res = await client.call('POST', '/v1/me/profile_image', { body: imageForm(big), query: me })
    expect(res.status).toBe(413)
    expect(res.json.errors[0].code).toBe('avatar_file_size_exceeded')
    // Streamed without a Content-Length: cut off once past the limit, not buffered to the end.
    const chunk = new Uint8Array(6_000_000)
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk)
        controller.enqueue(chunk)
        controller.close()
      },
    })
    const query = new URLSearchParams({ __clerk_db_jwt: client.devBrowser, ...me })
    const streamed = await fapiRequest(`${plain.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/me/profile_image?${query}`, { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/octet-stream', 'origin': APP_ORIGIN } } as RequestInit)
      .then(res => res.status, (error: { cause?: { code?: string } }) => error.cause?.code)
    // The 413 may arrive, or the socket close under the rest of the upload; a read-to-the-end would be a 422.
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(streamed)
    const broken = await client.call('POST', '/v1/me/profile_image', { body: 'not a multipart body', contentType: 'multipart/form-data; boundary=nothing', query: me })
    expect(broken.status).toBe(400)
    expect(broken.json.errors[0].code).toBe('malformed_request_body')
    const empty = await client.call('POST', '/v1/me/profile_image', { body: new FormData(), query: me })
    expect(empty.status).toBe(422)
    expect(empty.json.errors[0]).toMatchObject({ code: 'form_param_missing', meta: { param_name: 'file' } })
    expect((await user(client, me)).has_image).toBe(false)
  })

  it('needs a signed-in user', async () => {
    const client = await fapiClient(plain)
    const res = await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG) })
    expect(res.status).toBe(401)
    expect(res.json.errors[0].code).toBe('signed_out')
  })

  it('removes the image: the default avatar again, the old URL gone, a second removal 404', async () => {
    const { client, me } = await signedIn(plain)
    await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG), query: me })
    const old = (await user(client, me)).image_url
    const res = await client.call('DELETE', '/v1/me/profile_image', { query: me })
    expect(res.status).toBe(200)
    expect(res.json.response).toMatchObject({ object: 'image', deleted: true })
    const after = await user(client, me)
    expect(after.has_image).toBe(false)
    expect(after.image_url).toMatch(/avatar_placeholder\.svg$/)
    expect((await fetch(old)).status).toBe(404)
    expect((await client.call('DELETE', '/v1/me/profile_image', { query: me })).status).toBe(404)
  })

  it('keeps the image beside the state file, across a restart, and out of state.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-images-'))
    try {
      const first = await startEmulator({ port: 0, quiet: true, dataDir: dir })
      const { client, me, userId } = await signedIn(first)
      await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG), query: me })
      await first.stop()
      expect(await readdir(join(dir, 'images'))).toHaveLength(1)
      const second = await startEmulator({ port: 0, quiet: true, dataDir: dir })
      try {
        const id = second.store.data.users[userId]!.image_id!
        const served = await fetch(`${second.env.NUXT_PUBLIC_CLERK_PROXY_URL}/images/${id}`)
        expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true)
        expect(JSON.stringify(second.store.data)).not.toContain(TINY_PNG.toString('base64'))
      }
      finally {
        await second.stop()
      }
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('serves nothing but stored images under /images', async () => {
    for (const id of ['..%2Fkeys.json', 'img_%2e%2e', '%E0%A4%A', 'img_doesnotexist000000000000']) {
      const res = await fetch(`${plain.env.NUXT_PUBLIC_CLERK_PROXY_URL}/images/${id}`)
      expect(res.status).toBe(404)
    }
  })
})

describe('account deletion', () => {
  it('is off by default: delete_self false and DELETE /v1/me refused, the user kept', async () => {
    const { client, me, userId } = await signedIn(plain)
    const env = await client.call('GET', '/v1/environment')
    expect(env.json.user_settings.actions.delete_self).toBe(false)
    expect((await user(client, me)).delete_self_enabled).toBe(false)
    const res = await client.call('DELETE', '/v1/me', { query: me })
    expect(res.status).toBe(403)
    expect(plain.store.data.users[userId]).toBeDefined()
  })

  it('with --allow-delete deletes the user and ends its sessions', async () => {
    const { client, me, userId, sessionId } = await signedIn(extras)
    const env = await client.call('GET', '/v1/environment')
    expect(env.json.user_settings.actions.delete_self).toBe(true)
    expect((await user(client, me)).delete_self_enabled).toBe(true)
    await client.call('POST', '/v1/me/profile_image', { body: imageForm(TINY_PNG), query: me })
    const image = (await user(client, me)).image_url

    const res = await client.call('DELETE', '/v1/me', { query: me })
    expect(res.status).toBe(200)
    expect(res.json.response).toEqual({ object: 'user', id: userId, deleted: true })
    expect(res.json.client.sessions).toEqual([])
    expect(extras.store.data.users[userId]).toBeUndefined()
    expect(extras.store.data.sessions[sessionId]!.status).toBe('removed')
    expect((await fetch(image)).status).toBe(404)
    expect((await client.call('GET', '/v1/me', { query: me })).status).toBe(401)
  })
})

describe('--password-check', () => {
  it('refuses common passwords with form_password_pwned at sign-up, password change and in the Backend API', async () => {
    const client = await fapiClient(extras)
    for (const password of ['password', '12345678', 'Password1', 'QWERTYUIOP']) {
      const res = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: `pwned${++counter}@example.com`, password } })
      expect(res.status).toBe(422)
      expect(res.json.errors[0]).toMatchObject({ code: 'form_password_pwned', meta: { param_name: 'password' } })
    }
    const { client: signed, me } = await signedIn(extras)
    const change = await signed.call('POST', '/v1/me/change_password', { form: { current_password: 'a-long-password', new_password: 'iloveyou' }, query: me })
    expect(change.json.errors[0]).toMatchObject({ code: 'form_password_pwned', meta: { param_name: 'new_password' } })

    const bapi = (body: object) => fetch(`${extras.env.NUXT_CLERK_API_URL}/v1/users`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${extras.keys.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const refused = await bapi({ email_address: [`bapi${++counter}@example.com`], password: 'sunshine' })
    expect(refused.status).toBe(422)
    expect((await refused.json()).errors[0].code).toBe('form_password_pwned')
    expect((await bapi({ email_address: [`bapi${++counter}@example.com`], password: 'sunshine', skip_password_checks: true })).status).toBe(200)
  })

  it('is off by default, and the environment says which', async () => {
    const client = await fapiClient(plain)
    expect((await client.call('GET', '/v1/environment')).json.user_settings.password_settings.disable_hibp).toBe(true)
    expect((await (await fapiClient(extras)).call('GET', '/v1/environment')).json.user_settings.password_settings.disable_hibp).toBe(false)
    const res = await client.call('POST', '/v1/client/sign_ups', { form: { email_address: `common${++counter}@example.com`, password: '12345678' } })
    expect(res.status).toBe(200)
  })
})

describe('session activity', () => {
  it('names a loopback sign-in\'s city and country', async () => {
    const { client, me } = await signedIn(plain)
    const res = await client.call('GET', '/v1/me/sessions/active', { query: me })
    expect(res.json[0].latest_activity).toMatchObject({ ip_address: expect.stringMatching(/127\.0\.0\.1|::1/), city: 'Localhost', country: 'Loopback' })
  })
})

describe('JWT templates from --jwt-template', () => {
  it('parses name=<json>, repeatable, and refuses malformed ones', () => {
    const parsed = parseCli(['--jwt-template', 'a={"claims":{"x":1}}', '--jwt-template=b={"claims":{},"lifetime":120}'], {})
    expect(parsed).toEqual({ help: false, options: { jwtTemplates: [
      { name: 'a', claims: { x: 1 }, lifetime: 60, allowedClockSkew: 5 },
      { name: 'b', claims: {}, lifetime: 120, allowedClockSkew: 5 },
    ] } })
    expect(parseCli([], { CLERK_EMULATOR_JWT_TEMPLATES: '{"c":{"claims":{"y":2}}}' })).toMatchObject({ options: { jwtTemplates: [{ name: 'c', claims: { y: 2 } }] } })
    for (const bad of ['nojson', 'a={', 'a={"lifetime":60}', 'a={"claims":[]}', 'a={"claims":{},"lifetime":5}', 'bad/name={"claims":{}}']) {
      expect(() => parseCli(['--jwt-template', bad], {})).toThrow(UsageError)
    }
  })

  it('mints a template token with its own lifetime, claims and Clerk\'s template category, in both APIs', async () => {
    const { client, sessionId, userId, email } = await signedIn(extras)
    const res = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens/convex`)
    expect(res.status).toBe(200)
    const claims = decodeJwt(res.json.jwt)
    expect(decodeProtectedHeader(res.json.jwt).cat).toBe(CATEGORY_JWT_TEMPLATE)
    expect(claims).toMatchObject({ aud: 'convex', email, sub: userId, azp: APP_ORIGIN })
    expect(claims.exp! - claims.iat!).toBe(300)
    expect(claims.iat! - claims.nbf!).toBe(5)

    const bapi = await fetch(`${extras.env.NUXT_CLERK_API_URL}/v1/sessions/${sessionId}/tokens/convex`, { method: 'POST', headers: { authorization: `Bearer ${extras.keys.secretKey}` } })
    expect(bapi.status).toBe(200)
    const bapiClaims = decodeJwt((await bapi.json()).jwt)
    expect(bapiClaims).toMatchObject({ aud: 'convex', sub: userId })
    expect(bapiClaims.exp! - bapiClaims.iat!).toBe(300)

    const unknown = await client.call('POST', `/v1/client/sessions/${sessionId}/tokens/nope`)
    expect(unknown.status).toBe(404)
  })

  it('keeps no template from an earlier run\'s flags on the same data dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clerk-emulator-templates-'))
    try {
      const first = await startEmulator({ port: 0, quiet: true, dataDir: dir, jwtTemplates: [TEMPLATE] })
      expect(Object.values(first.store.data.jwtTemplates).map(t => t.name)).toEqual(['convex'])
      await first.stop()
      const second = await startEmulator({ port: 0, quiet: true, dataDir: dir })
      expect(second.store.data.jwtTemplates).toEqual({})
      await second.stop()
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('the catch-all 404', () => {
  it('carries the full CORS answer for an allowed origin, so clerk-js can read it', async () => {
    const res = await fapiRequest(`${plain.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/not_a_route`, { headers: { origin: APP_ORIGIN } })
    expect(res.status).toBe(404)
    expect(res.json.errors[0].code).toBe('resource_not_found')
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('vary')).toMatch(/Origin/)
    const preflight = await fapiRequest(`${plain.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/not_a_route`, { method: 'OPTIONS', headers: { 'origin': APP_ORIGIN, 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('gives a foreign origin no CORS headers', async () => {
    const res = await fapiRequest(`${plain.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/not_a_route`, { headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})
