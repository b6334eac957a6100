import { request as httpRequest } from 'node:http'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser, type TestSession } from '../support/sessions'
import { bearer, browserCookies, postOnboarding } from './support/http'

// Property-based fuzzing of POST /api/complete-onboarding with a valid session. The oracle below
// is written from the API contract, independently of the route's code: 415 unless the type is
// JSON, 413 past 16 KB, 400 for bytes that are not UTF-8 JSON or a body that fails the schema,
// and 200 only for a valid body, whose trimmed values are then what Clerk stores.

const LIMIT = 16 * 1024
const NAME_MAX = 100
const TYPE_MAX = 50
const RUNS = { structured: 700, raw: 500 }

let user: TestSession
let token: string
let tokenIssuedAt: number
/** What the user's public metadata must be right now, by the oracle. */
let stored: Record<string, unknown>
const seen = { cases: 0, byStatus: {} as Record<number, number> }

// The per-user rate limit is raised here: this file sends a thousand writes for one user.
const stack = useStack({ env: { NUXT_ONBOARDING_RATE_LIMIT_MAX: '100000' } })

beforeAll(async () => {
  user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'pro' })
  token = await user.token({ ttlSeconds: 3600 })
  tokenIssuedAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat
  stored = { plan: 'pro' }
})

type Expectation = { status: 200, name: string, type: string } | { status: 400 | 413 | 415 }

function oracle(contentType: string, bytes: Uint8Array): Expectation {
  if (contentType.split(';')[0]!.trim().toLowerCase() !== 'application/json') return { status: 415 }
  if (bytes.length > LIMIT) return { status: 413 }
  let body: unknown
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  }
  catch {
    return { status: 400 }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400 }
  const { applicationName: name, applicationType: type } = body as Record<string, unknown>
  if (typeof name !== 'string' || typeof type !== 'string') return { status: 400 }
  const [n, t] = [name.trim(), type.trim()]
  // Lengths are in what a person sees (graphemes), as the form's messages say; a value that shows
  // nothing (whitespace and default-ignorable characters only) is empty; control characters fail.
  const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length
  const shows = (s: string) => s.replace(/[\s\p{Default_Ignorable_Code_Point}\u2800]/gu, '') !== ''
  const control = (s: string) => /\p{Cc}/u.test(s)
  if (!shows(n) || !shows(t) || control(n) || control(t) || graphemes(n) > NAME_MAX || graphemes(t) > TYPE_MAX) return { status: 400 }
  return { status: 200, name: n, type: t }
}

/** How the session travels: a Bearer header, or the cookies a same-origin browser sends. */
type Carrier = 'bearer' | 'cookie'

function sessionHeaders(carrier: Carrier): Record<string, string> {
  if (carrier === 'bearer') return bearer(token)
  // `__client_uat` as clerk-js sets it at sign-in: not newer than the token's `iat`.
  const headers = browserCookies(token, stack.appUrl)
  headers.cookie = headers.cookie!.replace(/__client_uat=\d+/, `__client_uat=${tokenIssuedAt}`)
  return headers
}

async function check(contentType: string, bytes: Uint8Array, carrier: Carrier = 'bearer'): Promise<void> {
  const expected = oracle(contentType, bytes)
  const res = await postOnboarding(stack.appUrl, bytes, { ...sessionHeaders(carrier), 'content-type': contentType })
  const text = await res.text()
  seen.cases++
  seen.byStatus[res.status] = (seen.byStatus[res.status] ?? 0) + 1
  const about = `${contentType} ${JSON.stringify(Buffer.from(bytes).toString('utf8').slice(0, 300))} -> ${res.status} ${text.slice(0, 300)}`
  const before = stored
  // Re-read after every case, so that a failing case does not throw the next ones (and fast-check's shrinking) off.
  stored = (await stack.clerk.users.getUser(user.userId)).publicMetadata
  expect(res.status, about).toBe(expected.status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  if (expected.status === 200) {
    expect(stored, about).toEqual({ ...before, onboardingComplete: true, applicationName: expected.name, applicationType: expected.type })
  }
  else {
    expect(JSON.parse(text).data?.code).toEqual(expect.any(String))
    expect(stored, about).toEqual(before)
  }
}

// Strings that have broken parsers and validators before.
const nasty = fc.constantFrom(
  '', ' ', '\t\n\r', '\u0000', 'a\u0000b', '\u200b', '\u200b\u200b', '\u200f', '\u202e', 'abc\u202edcba', '\ufeff', '\u00a0',
  '\u2028', '\u3164', '👩‍👩‍👧‍👦', '🏳️‍🌈', '\ud83d', '\udc00', '\\', '"', '</script><script>alert(1)</script>', '{{7*7}}', '${7*7}',
  '__proto__', 'constructor', 'null', 'undefined', 'NaN', '%00', '../../etc/passwd', 'x'.repeat(NAME_MAX), 'x'.repeat(NAME_MAX + 1),
  ` ${'y'.repeat(TYPE_MAX)} `, 'y'.repeat(TYPE_MAX + 1), '가'.repeat(NAME_MAX), '😀'.repeat(50), '😀'.repeat(51),
)
const text = fc.oneof(
  nasty,
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(nasty, { maxLength: 6 }).map(parts => parts.join('')),
  fc.tuple(fc.string({ maxLength: 4 }), nasty, fc.string({ maxLength: 4 })).map(parts => parts.join('')),
  fc.integer({ min: 1_000, max: 40_000 }).map(n => 'z'.repeat(n)),
)
const value = fc.oneof({ weight: 6, arbitrary: text }, { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constant(undefined) })
const extraKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'onboardingComplete', 'plan', 'applicationName', 'applicationType', 'publicMetadata', '')

/** JSON text written entry by entry, so that duplicate and `__proto__` keys reach the server as sent. */
function objectText(entries: [string, unknown][]): string {
  return `{${entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`
}

const structuredBody = fc.oneof(
  { weight: 8, arbitrary: fc.record({ applicationName: value, applicationType: value }).map(b => objectText(Object.entries(b))) },
  {
    weight: 4,
    arbitrary: fc.tuple(value, value, fc.array(fc.tuple(extraKey, fc.oneof(text, fc.anything({ maxDepth: 2 }))), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([name, type, extras, extrasFirst]) => {
        const own: [string, unknown][] = [['applicationName', name], ['applicationType', type]]
        return objectText(extrasFirst ? [...extras, ...own] : [...own, ...extras])
      }),
  },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }).map(v => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.array(fc.record({ applicationName: text, applicationType: text })).map(v => JSON.stringify(v)) },
)
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=latin1') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '') },
)

const encoder = new TextEncoder()
const validText = fc.record({ applicationName: text, applicationType: text }).map(b => JSON.stringify(b))
const badUtf8 = fc.constantFrom([0xff], [0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80])
const rawBody = fc.oneof(
  // Truncated JSON: a valid body cut anywhere.
  fc.tuple(validText, fc.nat()).map(([t, cut]) => encoder.encode(t.slice(0, cut % Math.max(t.length, 1)))),
  // Invalid UTF-8 spliced into a body that would otherwise be valid.
  fc.tuple(fc.constantFrom('내 앱', 'SaaS', 'ok'), badUtf8).map(([v, bad]) => {
    const [head, tail] = [encoder.encode(`{"applicationName":"${v}`), encoder.encode('","applicationType":"B2B"}')]
    return Uint8Array.from([...head, ...bad, ...tail])
  }),
  // Deep nesting, as a whole body and as a field value.
  fc.integer({ min: 1, max: 12_000 }).map(n => encoder.encode(`${'['.repeat(n)}${']'.repeat(n)}`)),
  fc.integer({ min: 1, max: 6_000 }).map(n => encoder.encode(`{"applicationName":${'{"a":'.repeat(n)}1${'}'.repeat(n)},"applicationType":"x"}`)),
  // A UTF-8 byte-order mark, whitespace and trailing garbage around a valid body.
  fc.tuple(fc.constantFrom('\ufeff', ' ', '\n', ''), validText, fc.constantFrom('', ' ', 'x', ',', '}', '\u0000')).map(([a, t, b]) => encoder.encode(`${a}${t}${b}`)),
  // Arbitrary bytes.
  fc.uint8Array({ maxLength: 200 }),
  fc.constant(new Uint8Array()),
)

describe('fuzzing POST /api/complete-onboarding with a valid session', () => {
  it(`structured bodies (${RUNS.structured} runs): only 200/400/413/415, never a 5xx, stored value = trimmed input`, async () => {
    await fc.assert(fc.asyncProperty(contentType, structuredBody, (type, body) => check(type, encoder.encode(body))), { numRuns: RUNS.structured })
  })

  it(`raw bytes (${RUNS.raw} runs): truncated JSON, invalid UTF-8, deep nesting, garbage`, async () => {
    await fc.assert(fc.asyncProperty(rawBody, bytes => check('application/json', bytes)), { numRuns: RUNS.raw })
  })

  it('with the browser\'s session cookies (200 runs), oversized bodies of up to 1.5 MB included', async () => {
    const oversized = fc.integer({ min: LIMIT + 1, max: 1_500_000 }).map(n => encoder.encode(`{"applicationName":"${'x'.repeat(n)}"}`))
    const body = fc.oneof(rawBody, oversized, structuredBody.map(b => encoder.encode(b)))
    await fc.assert(fc.asyncProperty(body, bytes => check('application/json', bytes, 'cookie')), { numRuns: 200 })
  })

  it('an oversized chunked body (no Content-Length) from a signed-in user gets 413', async () => {
    for (const carrier of ['bearer', 'cookie'] as const) {
      const chunk = encoder.encode('x'.repeat(64 * 1024))
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 64) controller.enqueue(chunk)
          else controller.close()
        },
      })
      const res = await fetch(`${stack.appUrl}/api/complete-onboarding`, {
        method: 'POST', body: stream, duplex: 'half',
        headers: { ...sessionHeaders(carrier), 'content-type': 'application/json' },
      } as RequestInit).catch((error: unknown) => error as Error)
      // The server may close the connection before the client has finished sending.
      if (res instanceof Response) expect(res.status).toBe(413)
      else expect(String(res.cause ?? res)).toMatch(/socket|closed|reset|EPIPE|other side/i)
    }
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual(stored)
  })

  it('ran at least 1,000 cases, and both accepted and rejected bodies among them', () => {
    expect(seen.cases).toBeGreaterThanOrEqual(1000)
    expect(seen.byStatus[200]).toBeGreaterThan(20)
    expect(seen.byStatus[400]).toBeGreaterThan(100)
    expect(seen.byStatus[413]).toBeGreaterThan(5)
    expect(seen.byStatus[415]).toBeGreaterThan(5)
    console.info(`fuzz: ${seen.cases} cases, by status ${JSON.stringify(seen.byStatus)}`)
  })
})

/** Sends the request line exactly as written: fetch would normalise these paths before sending. */
function rawRequest(appUrl: string, method: string, path: string, body?: string): Promise<{ status: number, location?: string }> {
  const { hostname, port } = new URL(appUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('encoded-path tricks (Clerk integration/tests/nuxt/middleware.test.ts) never reach a handler unauthenticated', () => {
  const onboarding = [
    '/api/complete-onboarding', '/api/%63omplete-onboarding', '/api/c%6fmplete-onboarding', '/api/%2563omplete-onboarding',
    '//api/complete-onboarding', '/api//complete-onboarding', '/api/complete-onboarding/', '/API/complete-onboarding',
    '/api/Complete-Onboarding', '/api/complete-onboarding%2F', '/api%2Fcomplete-onboarding', '/api/./complete-onboarding',
    '/api/x/../complete-onboarding', '/api/%2e/complete-onboarding', '/api/%2e%2e/api/complete-onboarding',
    '/api/x/%2e%2e/complete-onboarding', '/api%2f%2e%2fcomplete-onboarding', '/api/x%2f%2e%2e%2fcomplete-onboarding',
    '/api/complete-onboarding%00', '/api/complete-onboarding;', '/api/complete-onboarding?x=1', '/api/complete-onboarding#x',
    '/api/%zz/complete-onboarding', '/./api/complete-onboarding', '/api/complete-onboarding/.', '/api\\complete-onboarding',
  ]
  const status = onboarding.map(p => p.replace('complete-onboarding', 'onboarding-status'))

  // 401 is the handler's own refusal, 404 and 400 the router's, 405 the onboarding route's answer
  // to a GET (it writes nothing); a path the router does not take for an API route is a page, and
  // the page gate sends an anonymous visitor to sign in.
  function expectRefused({ status, location }: { status: number, location?: string }) {
    if (status === 302) expect(location).toMatch(/^\/sign-in\?redirect_url=/)
    else expect([400, 401, 404, 405]).toContain(status)
  }

  it.each(onboarding)('POST %s', async (path) => {
    expectRefused(await rawRequest(stack.appUrl, 'POST', path, JSON.stringify({ applicationName: 'x', applicationType: 'y' })))
  })

  it.each(status)('GET %s', async (path) => {
    expectRefused(await rawRequest(stack.appUrl, 'GET', path))
  })

  it('the vectors changed no one\'s metadata', async () => {
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual(stored)
  })
})

describe('the app\'s log after all of the above', () => {
  it('holds no uncaught exception and no unhandled rejection', async () => {
    // Let close handlers (request logging, Nitro's connection tracking) run for the last requests.
    await new Promise(resolve => setImmediate(resolve))
    const logs = stack.logs()
    expect(logs).toMatch(/POST \/api\/complete-onboarding 413/)
    const crashes = logs.split('\n').filter(line => /uncaught|unhandled ?rejection|TypeError/i.test(line))
    expect(crashes.map(line => line.slice(0, 600))).toEqual([])
  })
})
