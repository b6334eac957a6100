import { clerkJsUrl, clerkUiUrl } from './bundles.ts'
import { bapiUrl, fapiUrl, type EmulatorContext } from './context.ts'

/** The variables that wire a Nuxt app (@clerk/nuxt runtime config) to this emulator. */
export function wiringEnv(ctx: EmulatorContext): Record<string, string> {
  return {
    NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY: ctx.keys.publishableKey,
    NUXT_CLERK_SECRET_KEY: ctx.keys.secretKey,
    NUXT_CLERK_API_URL: bapiUrl(ctx),
    NUXT_PUBLIC_CLERK_PROXY_URL: fapiUrl(ctx),
    NUXT_PUBLIC_CLERK_JS_URL: clerkJsUrl(ctx),
    NUXT_PUBLIC_CLERK_UI_URL: clerkUiUrl(ctx),
    NUXT_CLERK_JWT_KEY: ctx.keys.publicKeyPem.trim(),
  }
}

/** dotenv lines; the PEM's newlines are escaped inside double quotes, which dotenv expands. */
export function formatDotenv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => (/[\n"\s#]/.test(value) ? `${name}="${value.replace(/\n/g, '\\n')}"` : `${name}=${value}`))
    .join('\n')
}
