import { createClerkClient } from '@clerk/backend'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/index.ts'

export interface TestEmulator {
  emulator: RunningEmulator
  clerk: ReturnType<typeof createClerkClient>
  apiUrl: string
  secretKey: string
  /** A raw Backend API call, authenticated unless `key` says otherwise. */
  bapi: (method: string, path: string, init?: RawInit) => Promise<RawResponse>
  stop: () => Promise<void>
}

export interface RawInit {
  json?: unknown
  body?: string
  headers?: Record<string, string>
  /** Secret key to send; `null` sends no Authorization header. */
  key?: string | null
}

export interface RawResponse {
  status: number
  headers: Headers
  text: string
  // Raw JSON under test: the assertions themselves check its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any
}

/** An in-memory emulator on a free port and a real @clerk/backend client pointed at it. */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, memory: true, quiet: true, ...options })
  const apiUrl = emulator.env.NUXT_CLERK_API_URL!
  const secretKey = emulator.keys.secretKey
  const clerk = createClerkClient({ secretKey, apiUrl })
  const bapi = async (method: string, path: string, init: RawInit = {}): Promise<RawResponse> => {
    const headers: Record<string, string> = { ...init.headers }
    const key = init.key === undefined ? secretKey : init.key
    if (key !== null) headers.authorization = `Bearer ${key}`
    let body = init.body
    if (init.json !== undefined) {
      body = JSON.stringify(init.json)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(`${apiUrl}${path}`, { method, headers, body })
    const text = await res.text()
    let json: unknown
    try { json = JSON.parse(text) }
    catch { json = undefined }
    return { status: res.status, headers: res.headers, text, json }
  }
  return { emulator, clerk, apiUrl, secretKey, bapi, stop: () => emulator.stop() }
}

export const PASSWORD = 'correct-horse-battery'

let counter = 0
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now()}-${counter++}@example.com`
}

/** @clerk/backend throws ClerkAPIResponseError; this returns its status, first code and parameter. */
export async function apiError(promise: Promise<unknown>): Promise<{ status: number, code: string, param?: string }> {
  try {
    await promise
  }
  catch (error) {
    const e = error as { status: number, errors: { code: string, meta?: { paramName?: string } }[] }
    return { status: e.status, code: e.errors[0]!.code, param: e.errors[0]!.meta?.paramName }
  }
  throw new Error('expected the call to fail')
}
