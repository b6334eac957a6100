import type { RunningEmulator } from '../../src/index.ts'
import { CONTROL_HEADERS } from './control.ts'

// A Frontend API caller that speaks like clerk-js: form bodies, the `_method` override, the
// dev-browser token and version parameters in the query, and an Origin header.

export const APP_ORIGIN = 'http://localhost:3000'

/** Parsed JSON that tests walk freely; the assertions are what check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export interface FapiResponse {
  status: number
  headers: Headers
  text: string
  json: Json
}

export interface FapiCallInit {
  /** Form fields, sent urlencoded as clerk-js does. */
  form?: Record<string, string>
  /** Raw body with its own content type; a FormData body brings its multipart boundary. */
  body?: string | Uint8Array | FormData
  contentType?: string
  /** Extra query parameters. */
  query?: Record<string, string>
  origin?: string | null
  /** Send this verb for real instead of POST + `_method`. */
  realMethod?: boolean
  /** Leave out the dev-browser token. */
  anonymous?: boolean
}

export interface FapiTestClient {
  readonly devBrowser: string
  call: (method: string, path: string, init?: FapiCallInit) => Promise<FapiResponse>
  /** POST /v1/client/sign_ups with `form`, then the emailed code when the instance asks for one: the last answer. */
  signUp: (form: Record<string, string>) => Promise<FapiResponse>
}

/** A form POST as some test's browser sends it. */
export type FormCaller = (method: string, path: string, form: Record<string, string>) => Promise<FapiResponse>

async function newestCode(emulator: RunningEmulator, to: string): Promise<string | null> {
  const res = await fetch(`${emulator.url}/__emulator/emails?to=${encodeURIComponent(to)}`, { headers: CONTROL_HEADERS })
  const outbox = await res.json() as { data: Array<{ code: string | null }> }
  return outbox.data[0]?.code ?? null
}

/**
 * The newest code the outbox holds for `to`, read as a test would from /__emulator/emails; waits
 * for it, since <SignUp/> shows its code step before its prepare call has answered.
 */
export async function outboxCode(emulator: RunningEmulator, to: string): Promise<string> {
  // A plain loop rather than expect.poll, which vitest refuses in beforeAll hooks that sign users up.
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise(resolve => setTimeout(resolve, 50))) {
    const code = await newestCode(emulator, to)
    if (code) return code
  }
  throw new Error(`no code in the outbox for ${to}`)
}

/** What <SignUp/> does after its first answer: while the email waits for its code, sends one and enters it. */
export async function enterEmailedCode(emulator: RunningEmulator, call: FormCaller, created: FapiResponse): Promise<FapiResponse> {
  const signUp = created.json?.response
  if (signUp?.status !== 'missing_requirements' || !signUp.unverified_fields?.includes('email_address')) return created
  await call('POST', `/v1/client/sign_ups/${signUp.id}/prepare_verification`, { strategy: 'email_code' })
  const code = await outboxCode(emulator, signUp.email_address)
  return call('POST', `/v1/client/sign_ups/${signUp.id}/attempt_verification`, { strategy: 'email_code', code })
}

export async function fapiRequest(url: string, init: RequestInit): Promise<FapiResponse> {
  const res = await fetch(url, { redirect: 'manual', ...init })
  const text = await res.text()
  let json: unknown
  try { json = JSON.parse(text) }
  catch { json = undefined }
  return { status: res.status, headers: res.headers, text, json }
}

/** Creates a dev browser (as clerk-js does on first load) and returns a caller bound to it. */
export async function fapiClient(emulator: RunningEmulator, origin = APP_ORIGIN): Promise<FapiTestClient> {
  const base = emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL!
  const created = await fapiRequest(`${base}/v1/dev_browser`, { method: 'POST', headers: { origin } })
  if (created.status !== 200) throw new Error(`dev_browser: ${created.status} ${created.text}`)
  const devBrowser = created.json.id as string
  const call = (method: string, path: string, init: FapiCallInit = {}) => {
    const query = new URLSearchParams({ __clerk_api_version: '2025-11-10', _clerk_js_version: '6.40.0', ...init.query })
    if (!init.anonymous) query.set('__clerk_db_jwt', devBrowser)
    const upper = method.toUpperCase()
    let sent = upper
    if (!init.realMethod && upper !== 'GET' && upper !== 'POST') {
      query.set('_method', upper)
      sent = 'POST'
    }
    const headers: Record<string, string> = {}
    const senderOrigin = init.origin === undefined ? origin : init.origin
    if (senderOrigin) headers.origin = senderOrigin
    let body: string | Uint8Array | FormData | undefined = init.body
    if (init.form) {
      body = new URLSearchParams(init.form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    if (init.contentType) headers['content-type'] = init.contentType
    return fapiRequest(`${base}${path}?${query}`, { method: sent, headers, body: body as BodyInit | undefined })
  }
  const formCall: FormCaller = (method, path, form) => call(method, path, { form })
  const signUp = async (form: Record<string, string>) => enterEmailedCode(emulator, formCall, await formCall('POST', '/v1/client/sign_ups', form))
  return { devBrowser, call, signUp }
}

/** A 1x1 PNG, the smallest image <UserProfile/> would upload. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** The multipart form clerk-js's user.setProfileImage({ file }) sends. */
export function imageForm(bytes: Uint8Array, type = 'image/png', name = 'avatar.png'): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  return form
}
