import { fieldValuesOf } from '#shared/onboarding-fields'

/**
 * The caller's onboarding state. By default it comes from the verified session token's claims,
 * with no call to Clerk; `?fresh=1` reads the user from Clerk's Backend API instead (for the
 * moment right after an update, before the next token), one read per user at a time and within
 * the per-user limit on calls to Clerk.
 */
export default defineEventHandler(async (event) => {
  const { userId, claims } = requireUser(event)
  const fresh = getQuery(event).fresh
  if (fresh === '1' || fresh === 'true') {
    const user = await getClerkUserShared(event, userId, onboardingRateLimit())
    const metadata = user.publicMetadata as CustomJwtSessionClaims['metadata']
    return statusFrom(metadata, 'clerk')
  }
  return statusFrom(claims.metadata, 'session')
})

function statusFrom(metadata: CustomJwtSessionClaims['metadata'] | undefined, source: 'session' | 'clerk') {
  return {
    onboardingComplete: metadata?.onboardingComplete === true,
    ...fieldValuesOf(metadata),
    source,
  }
}
