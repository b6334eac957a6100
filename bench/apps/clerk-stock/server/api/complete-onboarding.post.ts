import { clerkClient } from '@clerk/nuxt/server'

// Clerk's onboarding guide's server action in Nuxt: the signed-in user's public metadata.
export default defineEventHandler(async (event) => {
  const { userId } = event.context.auth()
  if (!userId) throw createError({ statusCode: 401 })
  const { applicationName, applicationType } = await readBody(event)
  // @clerk/nuxt's types carry their own copy of h3's H3Event, hence the cast.
  await clerkClient(event as unknown as Parameters<typeof clerkClient>[0]).users.updateUserMetadata(userId, {
    publicMetadata: { onboardingComplete: true, applicationName, applicationType },
  })
  return { ok: true }
})
