import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { verifyWebhook } from '@clerk/backend/webhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from '../../tests/e2e/support/axe.ts'
import { recordSms } from '../src/emails.ts'
import { startEmulator, type RunningEmulator } from '../src/index.ts'
import { useGuardedBrowser } from './helpers/browser.ts'
import { CONTROL_HEADERS } from './helpers/control.ts'
import { fapiClient } from './helpers/fapi.ts'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts'

// The console in Chromium, driven from the keyboard where a developer would: find the demo user,
// edit metadata, watch the token preview, read a sign-up code from the outbox and use it.

const DEMO = 'demo@example.com'
const DEMO_PASSWORD = 'demo-password-1234'
let emulator: RunningEmulator
let receiver: WebhookReceiver

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  emulator = await startEmulator({
    port: 0, memory: true, quiet: true, emailVerification: true, webhookUrls: [receiver.url],
    seed: fileURLToPath(new URL('../seed/demo.json', import.meta.url)),
  })
})

afterAll(async () => {
  await emulator?.stop()
  await receiver?.stop()
})

const browser = useGuardedBrowser({ checkEachTest: false })

beforeAll(async () => {
  await browser.page.goto(`${emulator.url}/`)
  await browser.page.locator('body[data-ready="true"]').waitFor()
})

/** Waits for the page to catch up; generous because browser tests share a loaded machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 })

const demoUser = () => Object.values(emulator.store.data.users).find(u => u.email_addresses.some(e => e.email_address === DEMO))!

describe('the console', () => {
  it('is served offline under a strict CSP that its own scripts and styles satisfy', async () => {
    const res = await fetch(`${emulator.url}/`)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain('default-src \'none\'')
    expect(csp).toContain('script-src \'self\'')
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/)
    expect(await res.text()).not.toMatch(/https?:\/\//)
    // The page loaded its script (ready) with no CSP violation or other console error.
    expect(await browser.page.locator('#instance').textContent()).toContain(emulator.keys.publishableKey)
    expect(browser.guarded.problems).toEqual([])
  })

  it('shows the instance\'s configuration, read-only', async () => {
    const settings = browser.page.locator('#config-settings')
    await settings.getByText('email address (required, emailed code at sign-up)').waitFor()
    expect(await settings.locator('dt').allTextContents()).toContain('Application name')
    expect(await browser.page.locator('#configuration input, #configuration button, #configuration select').count()).toBe(0)
  })

  it('has no serious or critical axe violation, in light mode', async () => {
    expect(await browser.page.title()).toBe('Clerk emulator console')
    expect(await seriousViolations(browser.page)).toEqual([])
  })

  it('finds the demo user from the keyboard and shows their sessions', async () => {
    const fapi = await fapiClient(emulator)
    const signIn = await fapi.call('POST', '/v1/client/sign_ins', { form: { identifier: DEMO, password: DEMO_PASSWORD, strategy: 'password' } })
    expect(signIn.json.response.status).toBe('complete')

    await browser.page.locator('#user-query').focus()
    await browser.page.keyboard.type('demo')
    await browser.page.keyboard.press('Enter')
    const open = browser.page.getByRole('button', { name: `Open ${DEMO}` })
    await open.waitFor()
    expect(await browser.page.locator('#user-table tbody tr').count()).toBe(1)
    await open.focus()
    await browser.page.keyboard.press('Enter')
    await browser.page.locator('#user-detail:not([hidden])').waitFor()
    expect(await browser.page.locator('#detail-email').textContent()).toBe(DEMO)
    await browser.page.getByRole('button', { name: /^Revoke session sess_/ }).waitFor()
  })

  it('refuses metadata that is not a JSON object and saves nothing', async () => {
    await browser.page.locator('#public-metadata').fill('{"plan": pro}')
    await browser.page.getByRole('button', { name: 'Save metadata' }).click()
    await poll(() => browser.page.locator('#metadata-error').textContent()).toMatch(/public metadata is not valid JSON/)
    expect(await browser.page.locator('#public-metadata').getAttribute('aria-invalid')).toBe('true')
    await browser.page.locator('#public-metadata').fill('["pro"]')
    await browser.page.getByRole('button', { name: 'Save metadata' }).click()
    await poll(() => browser.page.locator('#metadata-error').textContent()).toMatch(/must be a JSON object/)
    expect(demoUser().public_metadata).toEqual({})
  })

  it('sets {"plan": "pro"} in public metadata; the token preview and a signed user.updated follow', async () => {
    const before = JSON.parse(await browser.page.locator('#token-claims').textContent() ?? '{}')
    expect(before).toMatchObject({ sub: demoUser().id, metadata: {} })
    await browser.page.locator('#public-metadata').fill('{"plan": "pro"}')
    await browser.page.locator('#public-metadata').press('Tab')
    await browser.page.keyboard.press('Tab')
    await browser.page.keyboard.press('Tab')
    await browser.page.keyboard.press('Enter')
    await poll(async () => JSON.parse(await browser.page.locator('#token-claims').textContent() ?? '{}').metadata).toEqual({ plan: 'pro' })
    expect(await browser.page.locator('#token-size').textContent()).toMatch(/Custom claims: \d+ bytes of Clerk's ~1\.2 KB guidance/)
    expect(demoUser().public_metadata).toEqual({ plan: 'pro' })
    const hook = await receiver.waitForId('user.updated', demoUser().id)
    const event = await verifyWebhook(receiver.asRequest(hook), { signingSecret: emulator.env.CLERK_WEBHOOK_SIGNING_SECRET! })
    expect(event.data).toMatchObject({ public_metadata: { plan: 'pro' } })
  })

  it('revokes a session', async () => {
    await browser.page.getByRole('button', { name: /^Revoke session sess_/ }).click()
    await poll(() => browser.page.locator('#session-table tbody').textContent()).toContain('revoked')
    expect(Object.values(emulator.store.data.sessions).filter(s => s.user_id === demoUser().id).map(s => s.status)).toEqual(['revoked'])
  })

  it('shows text messages in the outbox beside the emails', async () => {
    const phone = '+12025550199'
    recordSms(emulator.ctx, phone, '424242')
    const row = browser.page.locator('#email-table tbody tr', { hasText: phone })
    await row.waitFor()
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining([phone, 'SMS', '424242']))
  })

  it('shows a sign-up code in the outbox, and that code completes the sign-up', async () => {
    const email = `console-${Date.now()}@example.com`
    const fapi = await fapiClient(emulator)
    const signUp = await fapi.call('POST', '/v1/client/sign_ups', { form: { email_address: email, password: 'a-long-password-1' } })
    await fapi.call('POST', `/v1/client/sign_ups/${signUp.json.response.id}/prepare_verification`, { form: { strategy: 'email_code' } })
    // No click: the outbox follows the emulator by itself.
    const row = browser.page.locator('#email-table tbody tr', { hasText: email })
    await row.waitFor()
    const code = (await row.locator('td.code').textContent())!.trim()
    expect(code).toMatch(/^\d{6}$/)
    const verified = await fapi.call('POST', `/v1/client/sign_ups/${signUp.json.response.id}/attempt_verification`, { form: { strategy: 'email_code', code } })
    expect(verified.json.response.status).toBe('complete')
    const created = await receiver.waitForId('user.created', verified.json.response.created_user_id as string)
    expect((await verifyWebhook(receiver.asRequest(created), { signingSecret: emulator.env.CLERK_WEBHOOK_SIGNING_SECRET! })).data).toMatchObject({ object: 'user' })
    await browser.page.locator('#user-query').fill(email)
    await browser.page.locator('#user-query').press('Enter')
    await browser.page.getByRole('button', { name: `Open ${email}` }).waitFor()
  })

  it('adds a fault rule, counts its hits and clears it; the request log shows the calls', async () => {
    await browser.page.locator('#fault-rule').fill('{"path": "/fapi/v1/environment", "status": 503}')
    await browser.page.getByRole('button', { name: 'Add rule' }).click()
    await browser.page.locator('#fault-table tbody tr', { hasText: '/fapi/v1/environment' }).waitFor()
    expect((await fetch(`${emulator.env.NUXT_PUBLIC_CLERK_PROXY_URL}/v1/environment`)).status).toBe(503)
    await poll(() => browser.page.locator('#fault-table tbody tr').first().locator('td').nth(3).textContent()).toBe('1')
    await browser.page.locator('#request-table tbody tr', { hasText: '/fapi/v1/environment' }).first().waitFor()
    await browser.page.getByRole('button', { name: 'Clear all rules' }).click()
    await browser.page.locator('#fault-table tbody', { hasText: 'No fault rules' }).waitFor()
    expect(emulator.ctx.faults.rules).toEqual([])
  })

  it('shows webhook deliveries with a replay button, and downloads an export', async () => {
    await browser.page.getByRole('button', { name: /^Replay user\.updated msg_/ }).first().waitFor()
    const download = browser.page.waitForEvent('download')
    await browser.page.getByRole('button', { name: 'Download export' }).click()
    const file = await download
    const text = await readFile(await file.path(), 'utf8')
    expect(JSON.parse(text)).toMatchObject({ format: 'clerk-emulator-export', state: { users: { [demoUser().id]: { public_metadata: { plan: 'pro' } } } } })
  })

  it('styles Ban, Mark password compromised, Delete and Clear all rules as destructive, never as the primary action, and gives metadata the section\'s width', async () => {
    const look = (selector: string) => browser.page.locator(selector).first().evaluate((element) => {
      const style = getComputedStyle(element)
      return { color: style.color, background: style.backgroundColor }
    })
    const primary = await look('#metadata-form button[type=submit]')
    for (const selector of ['#ban-user', '#compromise-password', '#delete-user', '#clear-faults']) {
      const destructive = await look(selector)
      expect(destructive, selector).not.toEqual(primary)
      expect(await browser.page.locator(selector).getAttribute('class'), selector).toMatch(/\bdanger\b/)
    }
    const [editor, section] = await Promise.all(['#public-metadata', '#user-detail'].map(selector => browser.page.locator(selector).evaluate(element => element.getBoundingClientRect().width)))
    expect(editor! / section!).toBeGreaterThan(0.9)
  })

  it('answers /favicon.ico with its icon, linked from the page', async () => {
    const res = await fetch(`${emulator.url}/favicon.ico`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(await res.text()).toMatch(/^<svg /)
    expect(await browser.page.locator('link[rel=icon]').getAttribute('href')).toBe('/_console/favicon.svg')
  })

  it('lists organizations with their members, and marks the open user\'s password compromised', async () => {
    await browser.page.getByText('Organizations are off').waitFor()
    emulator.ctx.config.organizations.enabled = true
    const apiUrl = emulator.env.NUXT_CLERK_API_URL!
    const created = await fetch(`${apiUrl}/v1/organizations`, { method: 'POST', headers: { 'authorization': `Bearer ${emulator.keys.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Console Co', created_by: demoUser().id }) })
    expect(created.status).toBe(200)
    // No click: the list follows the emulator by itself.
    await browser.page.locator('#organization-table tbody tr', { hasText: 'Console Co' }).getByText(`${DEMO} (org:admin)`).waitFor()

    expect(await browser.page.locator('#detail-email').textContent()).toBe(DEMO)
    await browser.page.getByRole('button', { name: 'Mark password compromised' }).click()
    await poll(() => demoUser().password_compromised).toBe(true)
    emulator.ctx.config.organizations.enabled = false
  })

  it('creates, bans and deletes a user', async () => {
    const email = `made-${Date.now()}@example.com`
    await browser.page.locator('#users details summary').click()
    await browser.page.locator('#create-email').fill(email)
    await browser.page.locator('#create-password').fill('a-long-password-1')
    await browser.page.locator('#create-first-name').fill('Made')
    await browser.page.getByRole('button', { name: 'Create user' }).click()
    await poll(async () => [await browser.page.locator('#detail-email').textContent(), await browser.page.locator('#status').textContent()]).toEqual([email, 'User created.'])
    const made = () => Object.values(emulator.store.data.users).find(u => u.email_addresses.some(e => e.email_address === email))
    expect(made()?.first_name).toBe('Made')
    await browser.page.getByRole('button', { name: 'Ban' }).click()
    await poll(() => made()?.banned).toBe(true)
    await browser.page.getByRole('button', { name: 'Unban' }).waitFor()
    browser.page.once('dialog', dialog => void dialog.accept())
    await browser.page.getByRole('button', { name: 'Delete user' }).click()
    await browser.page.locator('#user-detail[hidden]').waitFor({ state: 'attached' })
    expect(made()).toBeUndefined()
  })

  it('logs requests without their query strings', async () => {
    const res = await fetch(`${emulator.url}/__emulator/requests`, { headers: CONTROL_HEADERS })
    const { data } = await res.json() as { data: { path: string }[] }
    expect(data.some(r => r.path.startsWith('/fapi/v1/client'))).toBe(true)
    expect(data.filter(r => r.path.includes('?') || r.path.includes('__clerk_db_jwt'))).toEqual([])
  })

  it('imports an export file chosen in the page, replacing the users', async () => {
    const exported = await (await fetch(`${emulator.url}/__emulator/export`, { headers: CONTROL_HEADERS })).text()
    const doc = JSON.parse(exported)
    const only = doc.state.users[demoUser().id]
    doc.state.users = { [only.id]: { ...only, first_name: 'Imported' } }
    await browser.page.locator('#import-file').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })
    await browser.page.getByRole('button', { name: 'Import', exact: true }).click()
    await browser.page.locator('#user-table tbody tr', { hasText: 'Imported' }).waitFor()
    expect(Object.values(emulator.store.data.users).map(u => u.first_name)).toEqual(['Imported'])
  })

  it('has no serious or critical axe violation with everything open, in dark mode', async () => {
    await browser.page.emulateMedia({ colorScheme: 'dark' })
    expect(await seriousViolations(browser.page)).toEqual([])
    expect(browser.guarded.problems.filter(p => !/status of 503/.test(p))).toEqual([])
  })
})
