import type { EmulatorContext } from '../context.ts'

/** The signing secret under the names @clerk/backend's verifyWebhook and @clerk/nuxt's runtime config read. */
export function webhookEnv(ctx: EmulatorContext): Record<string, string> {
  return {
    CLERK_WEBHOOK_SIGNING_SECRET: ctx.webhooks.secret,
    NUXT_CLERK_WEBHOOK_SIGNING_SECRET: ctx.webhooks.secret,
  }
}
