import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../support/stack'
import { createSignedInUser, type TestSession } from '../support/sessions'
import { forgeTokens } from '../security/support/forge'

// server/utils/authenticate.ts reuses a session token Clerk already accepted instead of verifying
// it again. That must never change an answer: the same requests, each sent twice (the first fills
// the cache, the second may hit it), get the same status and redirect with the cache on (default)
// as with it off (NUXT_CLERK_TOKEN_CACHE_SIZE=0), where every request goes to Clerk.

const ONBOARDED = { onboardingComplete: true, applicationName: 'Cache app', applicationType: 'test' }

interface Side {
  stack: Stack
  user: TestSession
  token: string
  iat: number
  forged: Record<string, string>
}

async function side(env: Record<string, string>): Promise<Side> {
  const stack = await startStack({ env })
  const user = await createSignedInUser(stack.emulator, stack.appUrl, ONBOARDED)
  const token = await user.token({ ttlSeconds: 600 })
  const { iat } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
  const { forged } = await forgeTokens({ emulator: stack.emulator, appUrl: stack.appUrl, userId: user.userId, sessionId: user.sessionId })
  return { stack, user, token, iat, forged }
}

type Case = [name: string, path: string, headers: Record<string, string>]

function cases({ token, iat, forged }: Side): Case[] {
  const page = { accept: 'text/html' }
  const cookie = (extra = '', uat = iat, devBrowser = '; __clerk_db_jwt=dvb_test') => `__session=${token}; __client_uat=${uat}${devBrowser}${extra}`
  const list: Case[] = [
    ['page, signed-in cookies', '/dashboard', { ...page, cookie: cookie() }],
    ['api, signed-in cookies', '/api/onboarding-status', { cookie: cookie() }],
    ['api, Bearer', '/api/onboarding-status', { authorization: `Bearer ${token}` }],
    ['api, bare token in Authorization', '/api/onboarding-status', { authorization: token }],
    ['api, Basic scheme plus cookies', '/api/onboarding-status', { authorization: `Basic ${token}`, cookie: cookie() }],
    ['api, Bearer plus cookies', '/api/onboarding-status', { authorization: `Bearer ${token}`, cookie: cookie() }],
    ['page, client_uat newer than the token', '/dashboard', { ...page, cookie: cookie('', iat + 100) }],
    ['api, client_uat newer than the token', '/api/onboarding-status', { cookie: cookie('', iat + 100) }],
    ['page, client_uat 0', '/dashboard', { ...page, cookie: cookie('', 0) }],
    ['page, no client_uat', '/dashboard', { ...page, cookie: `__session=${token}; __clerk_db_jwt=dvb_test` }],
    ['page, no dev-browser token', '/dashboard', { ...page, cookie: cookie('', iat, '') }],
    ['page, handshake parameter', '/dashboard?__clerk_handshake=x', { ...page, cookie: cookie() }],
    ['page, encoded handshake parameter', '/dashboard?%5F%5Fclerk_handshake=x', { ...page, cookie: cookie() }],
    ['page, dev-browser sync parameter', '/dashboard?__clerk_db_jwt=dvb_other', { ...page, cookie: cookie() }],
    ['page, handshake cookie', '/dashboard', { ...page, cookie: cookie('; __clerk_handshake=x') }],
    ['page, redirect counter cookie', '/dashboard', { ...page, cookie: cookie('; __clerk_redirect_count=3') }],
    ['page, duplicate session cookie', '/dashboard', { ...page, cookie: `${cookie()}; __session=${forged.expired}` }],
    ['page, duplicate session cookie first', '/dashboard', { ...page, cookie: `__session=${forged.expired}; ${cookie()}` }],
    ['page, suffixed session cookie differs', '/dashboard', { ...page, cookie: cookie(`; __session_abcdefgh=${forged.expired}`) }],
    ['page, quoted session cookie', '/dashboard', { ...page, cookie: `__session="${token}"; __client_uat=${iat}; __clerk_db_jwt=dvb_test` }],
    ['page, document from another site', '/dashboard', { ...page, 'cookie': cookie(), 'sec-fetch-dest': 'document', 'referer': 'https://elsewhere.example/' }],
    ['page, document from this site', '/dashboard', { ...page, 'cookie': cookie(), 'sec-fetch-dest': 'document' }],
  ]
  for (const [name, bad] of Object.entries(forged)) {
    list.push([`api, cookie, ${name}`, '/api/onboarding-status', { cookie: `__session=${bad}; __client_uat=${iat}; __clerk_db_jwt=dvb_test` }])
    list.push([`api, Bearer, ${name}`, '/api/onboarding-status', { authorization: `Bearer ${bad}` }])
  }
  return list
}

/** Each case twice, after the plain signed-in requests that put the token in the cache. */
async function answers(s: Side): Promise<string[]> {
  const all = cases(s)
  const out: string[] = []
  for (const [name, path, headers] of [...all.slice(0, 3), ...all, ...all]) {
    const res = await fetch(`${s.stack.appUrl}${path}`, { headers, redirect: 'manual' })
    const body = await res.text()
    const location = res.headers.get('location')
    const where = location ? new URL(location, s.stack.appUrl).pathname : ''
    const code = res.headers.get('content-type')?.includes('json') ? (JSON.parse(body || '{}').data?.code ?? JSON.parse(body || '{}').source ?? '') : ''
    out.push(`${name}: ${res.status} ${where} ${code}`.trim())
  }
  return out
}

let cached: Side
let uncached: Side

beforeAll(async () => {
  ;[cached, uncached] = await Promise.all([side({}), side({ NUXT_CLERK_TOKEN_CACHE_SIZE: '0' })])
}, 120_000)
afterAll(async () => {
  await Promise.all([cached?.stack.stop(), uncached?.stack.stop()])
})

describe('the verified-token cache changes no auth decision', () => {
  it('answers every request as Clerk does without it, twice in a row', async () => {
    const [withCache, withoutCache] = await Promise.all([answers(cached), answers(uncached)])
    expect(withCache).toEqual(withoutCache)
    expect(withCache).toContain('page, signed-in cookies: 200')
    expect(withCache).toContain('api, Bearer: 200  session')
    expect(withCache.filter(a => a.startsWith('api, cookie, expired') || a.startsWith('api, Bearer, expired'))).toEqual(
      Array(4).fill(0).map((_, i) => `api, ${i % 2 ? 'Bearer' : 'cookie'}, expired: 401  unauthenticated`),
    )
  }, 120_000)

  it('stops accepting a cached token once it expires (exp plus Clerk\'s 5 s clock skew)', async () => {
    const token = await cached.user.token({ ttlSeconds: 1 })
    const headers = { authorization: `Bearer ${token}` }
    const status = () => fetch(`${cached.stack.appUrl}/api/onboarding-status`, { headers }).then(res => res.status)
    expect(await status()).toBe(200)
    expect(await status()).toBe(200)
    await new Promise(resolve => setTimeout(resolve, 7_000))
    expect(await status()).toBe(401)
  }, 30_000)
})
