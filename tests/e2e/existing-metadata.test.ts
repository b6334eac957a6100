import { describe, expect, it } from 'vitest'
import { useJourney } from './support/fixture'
import { completeOnboarding } from './support/onboarding-form'

const journey = useJourney()

describe('journey: onboarding keeps metadata it does not own', () => {
  it('a user with plan "pro" still has it after onboarding', async () => {
    // Signed in but not onboarded: the gate sends the user to the form.
    const { id: userId, page, finish } = await journey.signedIn('pro', { plan: 'pro', limits: { seats: 5 } }, '/onboarding')
    await completeOnboarding(page, { applicationName: '프로 앱', applicationType: '엔터프라이즈' })
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
