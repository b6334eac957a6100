import { describe, expect, it } from 'vitest'
import { CONTROL_HEADERS } from '../../emulator/test/helpers/control.ts'
import { CLAIMS_SETTING, METADATA_CLAIM_JSON } from '../../shared/metadata-claim'
import { browserCookies, pageAnswer, postOnboarding, VALID_BODY } from '../security/support/http'
import { useStack } from '../support/stack'
import { createSignedInUser, type TestSession } from '../support/sessions'

// A Clerk instance whose "Customize session token" template lacks {"metadata": "{{user.public_metadata}}"}.
const CLAIMLESS_TEMPLATE = { firstName: '{{user.first_name}}' }
const ONBOARDED = { onboardingComplete: true, applicationName: '클레임 없는 앱', applicationType: 'SaaS' }

const stack = useStack({ emulator: { sessionClaims: CLAIMLESS_TEMPLATE } })

const where = (path: string, token: string) => pageAnswer(stack.appUrl, path, token)

async function status(token: string) {
  const res = await fetch(`${stack.appUrl}/api/onboarding-status`, { headers: browserCookies(token, stack.appUrl) })
  expect(res.status).toBe(200)
  return res.json()
}

/** Backend API reads of one user, as the emulator counted them. */
async function userReads(user: TestSession): Promise<number> {
  const log = await fetch(`${stack.emulator.url}/__emulator/requests`, { headers: CONTROL_HEADERS }).then(r => r.json()) as { data: Array<{ method: string, path: string }> }
  return log.data.filter(entry => entry.method === 'GET' && entry.path.endsWith(`/v1/users/${user.userId}`)).length
}

describe('a session token without the metadata claim', () => {
  it('lets an onboarded user into the dashboard and away from the form, from what Clerk holds', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, ONBOARDED)
    const token = await user.token()
    expect(await where('/dashboard', token)).toBe('200')
    expect(await where('/onboarding', token)).toBe('302 /dashboard')
    expect(await status(token)).toEqual({ ...ONBOARDED, source: 'clerk' })
  })

  it('sends a new user to the form, and lets them stay there', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    expect(await where('/dashboard', token)).toBe('302 /onboarding')
    expect(await where('/', token)).toBe('302 /onboarding')
    expect(await where('/onboarding', token)).toBe('200')
    expect(await status(token)).toEqual({ onboardingComplete: false, applicationName: null, applicationType: null, source: 'clerk' })
  })

  it('reaches the dashboard right after the write, with the token from before it and with the next one', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const before = await user.token()
    expect(await where('/dashboard', before)).toBe('302 /onboarding')
    expect((await postOnboarding(stack.appUrl, VALID_BODY, browserCookies(before, stack.appUrl))).status).toBe(200)
    expect(await where('/dashboard', before)).toBe('200')
    expect((await status(before)).onboardingComplete).toBe(true)
    const after = await user.token()
    expect(await where('/dashboard', after)).toBe('200')
    expect(await where('/onboarding', after)).toBe('302 /dashboard')
  })

  it('costs at most 3 Backend API reads for 30 page views of one user', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, ONBOARDED)
    const token = await user.token()
    for (let view = 0; view < 30; view++) expect(await where(view % 2 ? '/dashboard' : '/', token)).toBe('200')
    const reads = await userReads(user)
    expect(reads).toBeGreaterThanOrEqual(1)
    expect(reads).toBeLessThanOrEqual(3)
  })

  it('reads Clerk at most 6 times a minute per user, then answers 429', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, ONBOARDED)
    const answers: number[] = []
    for (let call = 0; call < 7; call++) {
      // A token minted in the second after the last read started is not answered from that read.
      await new Promise(resolve => setTimeout(resolve, 1020 - (Date.now() % 1000)))
      answers.push((await fetch(`${stack.appUrl}/api/onboarding-status`, { headers: browserCookies(await user.token(), stack.appUrl) })).status)
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 429])
    expect(await userReads(user)).toBe(6)
  })

  it('counts its reads in the per-user limit on calls to Clerk, shared with the write and ?fresh=1', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, ONBOARDED)
    const token = await user.token()
    for (let call = 0; call < 10; call++) {
      expect((await fetch(`${stack.appUrl}/api/onboarding-status?fresh=1`, { headers: browserCookies(token, stack.appUrl) })).status).toBe(200)
    }
    // Minted after every read so far (within Clerk's 5 s of clock skew), so it needs a read of its own.
    const later = await user.token({ now: Date.now() + 2000 })
    expect((await fetch(`${stack.appUrl}/api/onboarding-status`, { headers: browserCookies(later, stack.appUrl) })).status).toBe(429)
    expect(await where('/dashboard', later)).toBe('429')
  })

  it('says why in one ERROR line per process, not one per request', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl)
    const token = await user.token()
    for (let view = 0; view < 3; view++) await status(token)
    const entries = stack.logs().split('\n').filter(line => line.startsWith('{')).map(line => JSON.parse(line) as Record<string, string>)
    const told = entries.filter(entry => entry.message?.includes('no "metadata" claim'))
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ severity: 'ERROR', setting: CLAIMS_SETTING, paste: METADATA_CLAIM_JSON })
    expect(told[0]!.message).toContain(`${METADATA_CLAIM_JSON} in Clerk Dashboard → Sessions → Customize session token`)
  })
})

describe('a session token with the metadata claim', () => {
  it('stays the only source, with no Backend API call, even when Clerk holds something else', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, ONBOARDED)
    const token = await user.token({ template: { metadata: {} } })
    expect(await where('/dashboard', token)).toBe('302 /onboarding')
    expect(await status(token)).toEqual({ onboardingComplete: false, applicationName: null, applicationType: null, source: 'session' })
    expect(await userReads(user)).toBe(0)
  })
})
