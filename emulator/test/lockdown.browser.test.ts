import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { useGuardedBrowser } from './helpers/browser.ts'
import { PASSWORD, uniqueEmail } from './helpers/emulator.ts'

// A page on another origin, in the developer's own Chromium, tries to wipe the emulator.

let emulator: RunningEmulator
let attacker: Server
let attackerUrl: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, memory: true, quiet: true })
  const { createClerkClient } = await import('@clerk/backend')
  const clerk = createClerkClient({ secretKey: emulator.keys.secretKey, apiUrl: emulator.env.NUXT_CLERK_API_URL })
  for (let i = 0; i < 3; i++) await clerk.users.createUser({ emailAddress: [uniqueEmail('victim')], password: PASSWORD })
  const target = `${emulator.url}/__emulator/reset`
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>attacker</title>
<form id="wipe" method="post" action="${target}"><input name="a" value="1"></form>
<script>window.noCors = () => fetch(${JSON.stringify(target)}, { mode: 'no-cors', method: 'POST', body: 'a=1' }).then(r => r.type)</script>`)
  })
  await new Promise<void>(resolve => attacker.listen(0, '127.0.0.1', resolve))
  // A loopback origin: the most trusted kind of foreign page there is (any local dev server).
  attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`
})

afterAll(async () => {
  await new Promise<void>(resolve => attacker?.close(() => resolve()))
  await emulator?.stop()
})

const browser = useGuardedBrowser({ checkEachTest: false })

const users = () => Object.keys(emulator.store.data.users).length

it('a no-cors fetch and a form post from another origin reach /__emulator/reset and wipe nothing', async () => {
  const { page } = browser
  await page.goto(attackerUrl)
  expect(users()).toBe(3)

  browser.guarded.expectConsoleError(/403/)
  const refused = page.waitForResponse(res => res.url().endsWith('/__emulator/reset'))
  expect(await page.evaluate(() => (window as unknown as { noCors: () => Promise<string> }).noCors())).toBe('opaque')
  expect((await refused).status()).toBe(403)
  expect(users()).toBe(3)

  const posted = page.waitForResponse(res => res.url().endsWith('/__emulator/reset'))
  await page.evaluate(() => (document.getElementById('wipe') as HTMLFormElement).submit())
  const answer = await posted
  expect(answer.status()).toBe(403)
  expect(answer.request().method()).toBe('POST')
  expect(users()).toBe(3)
})
