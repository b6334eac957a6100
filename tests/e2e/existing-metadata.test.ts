import { describe, expect, it } from 'vitest'
import { signInThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

const journey = useJourney()

describe('journey: onboarding keeps metadata it does not own', () => {
  it('a user with plan "pro" still has it after onboarding', async () => {
    const { id: userId, email } = await journey.createUser('pro', { plan: 'pro', limits: { seats: 5 } })
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await signInThroughClerk(page, email, PASSWORD)
    // Signed in but not onboarded: the gate sends the user to the form.
    await waitForPath(page, '/onboarding')
    await completeOnboarding(page, '프로 앱', '엔터프라이즈')
    const after = await journey.clerk.users.getUser(userId)
    expect(after.publicMetadata).toEqual({
      plan: 'pro',
      limits: { seats: 5 },
      onboardingComplete: true,
      applicationName: '프로 앱',
      applicationType: '엔터프라이즈',
    })
    await finish()
  })
})
