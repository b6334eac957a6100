import type { OnboardingValues } from '../shared/onboarding-fields'

export {}

declare global {
  /**
   * The claims our session token carries: Clerk's dashboard "Customize session token" JSON is
   * `{"metadata": "{{user.public_metadata}}", "firstName": "{{user.first_name}}"}` (the emulator's default).
   */
  interface CustomJwtSessionClaims {
    metadata: Partial<OnboardingValues> & { onboardingComplete?: boolean }
    firstName?: string
  }
}
