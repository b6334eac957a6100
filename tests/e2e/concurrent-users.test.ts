import { describe, expect, it } from 'vitest'
import { signUpThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, uniqueEmail, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

const journey = useJourney()

describe('journey: two users at once', () => {
  it('two users sign up and onboard concurrently; each sees only their own values', async () => {
    const users = [
      { email: uniqueEmail('alice'), name: '앨리스의 앱', type: '커머스' },
      { email: uniqueEmail('bob'), name: '밥의 앱', type: '핀테크' },
    ]
    const sessions = await Promise.all(users.map(() => journey.open()))
    await Promise.all(users.map(async (user, i) => {
      const { page } = sessions[i]!
      await signUpThroughClerk(page, journey.stack, user.email, PASSWORD)
      await waitForPath(page, '/onboarding')
      await completeOnboarding(page, { applicationName: user.name, applicationType: user.type })
    }))
    for (const [i, user] of users.entries()) {
      const { page, finish } = sessions[i]!
      const other = users[1 - i]!
      await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(user.name)
      expect(await page.content()).not.toContain(other.name)
      const status = await (await page.request.get(`${journey.stack.appUrl}/api/onboarding-status`)).json()
      expect(status).toMatchObject({ onboardingComplete: true, applicationName: user.name, applicationType: user.type })
      const fresh = await (await page.request.get(`${journey.stack.appUrl}/api/onboarding-status?fresh=1`)).json()
      expect(fresh).toMatchObject({ applicationName: user.name, applicationType: user.type, source: 'clerk' })
      await finish()
    }
  })
})
