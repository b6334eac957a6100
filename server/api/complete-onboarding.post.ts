import { messages } from '#shared/messages'
import { fieldErrorCodesOf, fieldMessages, onboardingSchema, type OnboardingMetadata } from '#shared/onboarding'

/**
 * Marks the caller's onboarding complete. Order: who (401), from where (403), how often (429),
 * what (415/413/400), whether Clerk still holds the session (401, one Backend API read), then the
 * Clerk write (502/503). The new values reach the session token on its next refresh, so the client
 * fetches a fresh token before it navigates.
 */
export default defineEventHandler(async (event) => {
  const { userId, sessionId } = requireUser(event)
  assertSameOrigin(event)
  enforceRateLimit(event, CLERK_USER_CALLS, userId, onboardingRateLimit())
  const parsed = onboardingSchema.safeParse(await readJsonBody(event))
  if (!parsed.success) {
    const fieldCodes = fieldErrorCodesOf(parsed.error)
    throw apiError(event, 400, 'validation_failed', { fieldCodes, fields: fieldMessages(fieldCodes, requestLocale(event)) })
  }
  await requireActiveSession(event, sessionId)
  const metadata: OnboardingMetadata = { onboardingComplete: true, ...parsed.data }
  const user = await mergePublicMetadata(event, userId, { ...metadata })
  // Without the token claim, the gate's next answer for this user comes from what Clerk holds now.
  rememberPublicMetadata(userId, user.publicMetadata, Date.now())
  return {
    success: true,
    message: messages[requestLocale(event)].success.onboarded,
    ...metadata,
  }
})
