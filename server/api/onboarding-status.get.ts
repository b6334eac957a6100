import { fieldValuesOf } from '#shared/onboarding-fields'

/**
 * The caller's onboarding state: from the verified session token's `metadata` claim, with no call
 * to Clerk; from Clerk's Backend API when the token has no such claim (server/utils/onboarding-metadata.ts),
 * or with `?fresh=1` (for the moment right after an update, before the next token), one read per
 * user at a time and within the per-user limit on calls to Clerk.
 */
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const fresh = getQuery(event).fresh
  const { metadata, source } = fresh === '1' || fresh === 'true'
    ? await freshOnboardingMetadata(event, user.userId)
    : await onboardingMetadata(event, user)
  return statusFrom(metadata, source)
})

function statusFrom(metadata: CustomJwtSessionClaims['metadata'] | undefined, source: 'session' | 'clerk') {
  return {
    onboardingComplete: metadata?.onboardingComplete === true,
    ...fieldValuesOf(metadata),
    source,
  }
}
