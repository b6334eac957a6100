export {}

declare global {
  /**
   * The claims our session token carries: Clerk's dashboard "Customize session token" JSON is
   * `{"metadata": "{{user.public_metadata}}", "firstName": "{{user.first_name}}"}` (the emulator's default).
   */
  interface CustomJwtSessionClaims {
    metadata: {
      onboardingComplete?: boolean
      applicationName?: string
      applicationType?: string
    }
    firstName?: string
  }
}
