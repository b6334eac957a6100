import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, browserCookies, postOnboarding, VALID_BODY } from './support/http'

// The Clerk secret key must reach no browser and no log; session tokens must not be logged.

const publicDir = fileURLToPath(new URL('../../.output/public', import.meta.url))
const SECRET_SHAPES = [/\bsk_(?:live|test)_[A-Za-z0-9]{10,}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/]

const stack = useStack()

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name))
}

describe('the Clerk secret key', () => {
  it('is in no client bundle or public file (.output/public/**)', async () => {
    const files = await filesUnder(publicDir)
    expect(files.some(file => file.endsWith('.js'))).toBe(true)
    for (const file of files) {
      const text = await readFile(file, 'latin1')
      for (const shape of SECRET_SHAPES) expect(shape.test(text), `${file} matches ${shape}`).toBe(false)
      expect(text.includes(stack.emulator.keys.secretKey), file).toBe(false)
    }
  })

  it('is in no server-rendered page or API answer, signed in or out, on success or error', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const onboarded = await createSignedInUser(stack.emulator, stack.appUrl, { onboardingComplete: true, applicationName: 'a', applicationType: 'b' })
    const cookies = browserCookies(await user.token(), stack.appUrl)
    const onboardedCookies = browserCookies(await onboarded.token(), stack.appUrl)
    const requests: [string, RequestInit][] = [
      ['/', {}], ['/sign-in', {}], ['/sign-up', {}], ['/no-such-page', {}], ['/dashboard', {}],
      ['/onboarding', { headers: cookies }], ['/dashboard', { headers: onboardedCookies }], ['/no-such-page', { headers: onboardedCookies }],
      ['/api/onboarding-status', { headers: cookies }], ['/api/onboarding-status?fresh=1', { headers: cookies }], ['/api/nope', {}],
    ]
    stack.emulator.setFaults([{ method: 'PATCH', path: '/bapi/**', status: 500 }])
    try {
      const failed = await postOnboarding(stack.appUrl, VALID_BODY, cookies)
      expect(failed.status).toBe(502)
      const answers = [await failed.text()]
      for (const [path, init] of requests) {
        const res = await fetch(`${stack.appUrl}${path}`, { redirect: 'manual', ...init })
        answers.push(`${path} ${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`)
      }
      // The pages really were rendered (a signed-in page is not just a redirect).
      expect(answers.some(answer => answer.startsWith('/dashboard 200'))).toBe(true)
      for (const answer of answers) {
        expect(answer.includes(stack.emulator.keys.secretKey), answer.slice(0, 80)).toBe(false)
        for (const shape of SECRET_SHAPES) expect(shape.test(answer), answer.slice(0, 80)).toBe(false)
        // The runtime config sent to the browser is the public part only.
        expect(answer).not.toMatch(/secretKey|jwtKey|authorizedParties/)
      }
    }
    finally {
      stack.emulator.clearFaults()
    }
  })
})

describe('logs', () => {
  it('contain neither the secret key nor any session token, whatever the request carried', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    const expired = await user.token({ now: Date.now() - 3_600_000 })
    const tokens = [token, expired]
    // Tokens in every place a request can carry them, on paths that log (4xx, 5xx, redirects).
    await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))
    await postOnboarding(stack.appUrl, VALID_BODY, bearer(expired))
    await postOnboarding(stack.appUrl, 'not json', { ...browserCookies(token, stack.appUrl) })
    await fetch(`${stack.appUrl}/dashboard?__clerk_handshake=${token}&__clerk_db_jwt=${expired}`, { redirect: 'manual' })
    await fetch(`${stack.appUrl}/api/nope?token=${token}`, { headers: { cookie: `__session=${expired}` } })
    await fetch(`${stack.appUrl}/dashboard`, { headers: browserCookies(expired, stack.appUrl), redirect: 'manual' })
    stack.emulator.setFaults([{ path: '/bapi/**', status: 500 }])
    try {
      await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))
      await fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: browserCookies(token, stack.appUrl) })
    }
    finally {
      stack.emulator.clearFaults()
    }
    // Let the last request lines reach the pipe.
    await new Promise(resolve => setTimeout(resolve, 300))
    const logs = stack.logs()
    // The requests above were logged (one JSON line each in production), so there was something to leak.
    expect(logs).toMatch(/__clerk_handshake=/)
    expect(logs).toMatch(/"severity":"ERROR"/)
    expect(logs.includes(stack.emulator.keys.secretKey)).toBe(false)
    for (const shape of SECRET_SHAPES) expect(shape.test(logs)).toBe(false)
    for (const jwt of tokens) {
      expect(logs.includes(jwt)).toBe(false)
      // Not even the signature part alone.
      expect(logs.includes(jwt.split('.')[2]!)).toBe(false)
    }
  })
})
