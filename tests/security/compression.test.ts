import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { referencedAssets, staticImports } from '../support/page-assets'
import { createSignedInUser } from '../support/sessions'
import { useStack } from '../support/stack'
import { browserCookies, getStatus } from './support/http'

// What travels on the wire (docs/security.md, "Compression"): scripts and stylesheets as the
// brotli or gzip file Nitro made at build time, picked from Accept-Encoding; pages and API answers
// as they are rendered, never compressed. Bytes are counted as received, before any decoding.

/** What Chromium sends. */
const BROWSER = 'gzip, deflate, br, zstd'
/** Nitro makes no compressed copy of a file under 1 kB, where it would save a few hundred bytes at most. */
const SMALLEST_COMPRESSED = 1024

const stack = useStack()
let pages: Record<string, Record<string, string>>

beforeAll(async () => {
  const cookies = async (metadata: Record<string, unknown>) => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, metadata)
    return { cookie: browserCookies(await user.token({ ttlSeconds: 600 }), stack.appUrl).cookie! }
  }
  // A signed-out browser of a development instance already holds a dev-browser token (else: handshake).
  const signedOut = { cookie: '__clerk_db_jwt=dvb_test' }
  pages = {
    '/': signedOut,
    '/sign-in': signedOut,
    '/onboarding': await cookies({}),
    '/dashboard': await cookies({ onboardingComplete: true, applicationName: '내 앱', applicationType: 'SaaS' }),
  }
})

interface Sent { status: number, headers: Record<string, string | string[] | undefined>, bytes: number, text: string }

/** A GET as the browser sends it, without fetch's transparent decoding: `bytes` is what came over the socket. */
function get(url: string, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    request(url.replace('//localhost:', '//127.0.0.1:'), { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        const encoding = res.headers['content-encoding']
        const plain = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body
        resolve({ status: res.statusCode!, headers: res.headers, bytes: body.length, text: plain.toString('utf8') })
      })
    }).on('error', reject).end()
  })
}

/** The languages a first visit can arrive with: Korean is also what a browser without a preference gets. */
const LANGUAGES = { ko: 'ko-KR,ko;q=0.9', en: 'en-US,en;q=0.9' }

/** Every script and stylesheet a first visit to `path` downloads from our origin, as sent. */
async function firstVisit(path: string, acceptEncoding: string, acceptLanguage = LANGUAGES.ko) {
  const headers = { ...pages[path], 'accept-encoding': acceptEncoding, 'accept-language': acceptLanguage }
  const page = await get(`${stack.appUrl}${path}`, { ...headers, accept: 'text/html' })
  expect(page.status, `${path} answered ${page.status} ${page.headers.location ?? ''}`).toBe(200)
  const { scripts, styles, prefetch } = referencedAssets(page.text, `${stack.appUrl}${path}`)
  const ours = (url: string) => new URL(url).origin === new URL(stack.appUrl).origin
  const files = new Map<string, Sent & { kind: 'js' | 'css' }>()
  // The scripts it runs, the chunks it prefetches once idle, and all they import.
  const queue = [...scripts, ...prefetch].filter(ours)
  while (queue.length) {
    const url = queue.shift()!
    if (files.has(url)) continue
    const sent = await get(url, headers)
    files.set(url, { ...sent, kind: 'js' })
    queue.push(...staticImports(sent.text, url))
  }
  for (const url of styles.filter(ours)) files.set(url, { ...(await get(url, headers)), kind: 'css' })
  return { page, files: [...files].map(([url, sent]) => ({ file: new URL(url).pathname, ...sent })) }
}

const bytesOf = (list: Sent[]) => list.reduce((sum, f) => sum + f.bytes, 0)

describe('scripts and stylesheets on the wire', () => {
  const visits = ['/', '/sign-in', '/onboarding', '/dashboard'].flatMap(path => Object.keys(LANGUAGES).map(language => ({ path, language: language as keyof typeof LANGUAGES })))
  // How much JavaScript that makes, everything Chromium downloads counted: first-visit-bytes.test.ts (e2e).
  it.each(visits)('$path in $language: every one arrives as brotli', async ({ path, language }) => {
    const { files } = await firstVisit(path, BROWSER, LANGUAGES[language])
    expect(files.filter(f => f.kind === 'js').length).toBeGreaterThan(2)
    expect(files.filter(f => f.kind === 'css').length).toBeGreaterThan(0)
    for (const f of files) {
      expect(f.status, f.file).toBe(200)
      expect(f.bytes, f.file).toBe(Number(f.headers['content-length']))
      if (f.text.length < SMALLEST_COMPRESSED) continue
      expect(f.headers['content-encoding'], f.file).toBe('br')
      expect(f.headers.vary, f.file).toMatch(/accept-encoding/i)
    }
    // Clerk's Korean strings (the part for this page) are fetched up front on a Korean page, never on an English one.
    expect(files.some(f => f.kind === 'js' && /\blocale:["'`]ko-KR["'`]/.test(f.text)), files.map(f => f.file).join(' ')).toBe(language === 'ko')
  })

  it('arrive as gzip when the browser accepts only gzip, and as they are, with Vary, when it accepts neither', async () => {
    const gzip = await firstVisit('/sign-in', 'gzip')
    const plain = await firstVisit('/sign-in', 'identity')
    for (const f of gzip.files.filter(f => f.text.length >= SMALLEST_COMPRESSED)) expect(f.headers['content-encoding'], f.file).toBe('gzip')
    for (const f of plain.files.filter(f => f.text.length >= SMALLEST_COMPRESSED)) {
      expect(f.headers['content-encoding'], f.file).toBeUndefined()
      // A shared cache must not hand this plain copy to a browser that accepts brotli.
      expect(f.headers.vary, f.file).toMatch(/accept-encoding/i)
    }
    // The same files, decoded: the compressed copies are of the very same bytes.
    expect(gzip.files.map(f => f.text)).toEqual(plain.files.map(f => f.text))
    expect(bytesOf(gzip.files)).toBeLessThan(bytesOf(plain.files) / 2)
  })
})

describe('pages and API answers on the wire', () => {
  // Each carries this response's nonce and Clerk's state for the user; the 404 page and Nuxt's
  // payload echo the request path. Compressed, their sizes would leak those beside attacker text.
  it('are never compressed, whatever the browser accepts', async () => {
    const dashboard = pages['/dashboard']!
    const answers = [
      await get(`${stack.appUrl}/dashboard`, { ...dashboard, 'accept': 'text/html', 'accept-encoding': BROWSER }),
      await get(`${stack.appUrl}/sign-in`, { ...pages['/sign-in'], 'accept': 'text/html', 'accept-encoding': BROWSER }),
      await get(`${stack.appUrl}/no-such-page-${'a'.repeat(2000)}`, { ...dashboard, 'accept': 'text/html', 'accept-encoding': BROWSER }),
    ]
    expect(answers.map(a => a.status)).toEqual([200, 200, 404])
    for (const answer of answers) {
      expect(answer.bytes).toBeGreaterThan(1024)
      expect(answer.headers['content-encoding']).toBeUndefined()
    }
    const status = await getStatus(stack.appUrl, { ...browserCookies('x', stack.appUrl), ...dashboard, 'accept-encoding': BROWSER })
    expect(status.status).toBe(200)
    expect(status.headers.get('content-encoding')).toBeNull()
  })
})
