import { getQuery, type H3Event } from 'h3'
import { clerkJsUrl, clerkUiUrl } from './bundles.ts'
import type { EmulatorContext } from './context.ts'
import { clerkError } from './http.ts'
import { FRAMEWORKS, type Framework } from './options.ts'
import { bapiUrl, fapiUrl, portalUrl } from './urls.ts'

// The variables that wire an app to this emulator, under the names its Clerk SDK reads. Each SDK
// generation loads its own clerk-js major: @clerk/nuxt 2-3 and @clerk/nextjs 7 load clerk-js 6
// plus @clerk/ui; @clerk/nextjs 6 loads clerk-js 5, whose prebuilt UI is built in.

export interface WiringChoice {
  framework: Framework
  /** Add the SDK's sign-in/sign-up URL variables, pointing at the Account Portal. */
  accountPortal: boolean
}

interface Names {
  publishableKey: string
  secretKey: string
  apiUrl: string
  proxyUrl: string
  jsUrl: string
  /** Absent for SDKs on clerk-js 5, which has no separate UI bundle. */
  uiUrl?: string
  signInUrl: string
  signUpUrl: string
  jwtKey: string
  clerkJsMajor: string
  /** Switches that keep the SDK off the network (keyless mode, telemetry). */
  offline: Record<string, string>
}

const NEXT = {
  publishableKey: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
  secretKey: 'CLERK_SECRET_KEY',
  apiUrl: 'CLERK_API_URL',
  proxyUrl: 'NEXT_PUBLIC_CLERK_PROXY_URL',
  jsUrl: 'NEXT_PUBLIC_CLERK_JS_URL',
  signInUrl: 'NEXT_PUBLIC_CLERK_SIGN_IN_URL',
  signUpUrl: 'NEXT_PUBLIC_CLERK_SIGN_UP_URL',
  jwtKey: 'CLERK_JWT_KEY',
  offline: { NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1', NEXT_PUBLIC_CLERK_KEYLESS_DISABLED: '1' },
}

// Names from each SDK's source: @clerk/nuxt's runtime config (module.ts), @clerk/nextjs's
// server/constants.ts and utils/mergeNextClerkPropsWithEnv.ts.
const NAMES: Record<Framework, Names> = {
  'nuxt': {
    publishableKey: 'NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    secretKey: 'NUXT_CLERK_SECRET_KEY',
    apiUrl: 'NUXT_CLERK_API_URL',
    proxyUrl: 'NUXT_PUBLIC_CLERK_PROXY_URL',
    jsUrl: 'NUXT_PUBLIC_CLERK_JS_URL',
    uiUrl: 'NUXT_PUBLIC_CLERK_UI_URL',
    signInUrl: 'NUXT_PUBLIC_CLERK_SIGN_IN_URL',
    signUpUrl: 'NUXT_PUBLIC_CLERK_SIGN_UP_URL',
    jwtKey: 'NUXT_CLERK_JWT_KEY',
    clerkJsMajor: '6',
    offline: {},
  },
  'next': { ...NEXT, uiUrl: 'NEXT_PUBLIC_CLERK_UI_URL', clerkJsMajor: '6' },
  'next@6': { ...NEXT, clerkJsMajor: '5' },
}

/** In print order; the JWT key comes last (the PEM is the longest line). */
export function wiringEnv(ctx: EmulatorContext, choice: Partial<WiringChoice> = {}): Record<string, string> {
  const framework = choice.framework ?? ctx.options.framework
  const names = NAMES[framework]
  const env: Record<string, string> = {
    [names.publishableKey]: ctx.keys.publishableKey,
    [names.secretKey]: ctx.keys.secretKey,
    [names.apiUrl]: bapiUrl(ctx),
    [names.proxyUrl]: fapiUrl(ctx),
    [names.jsUrl]: clerkJsUrl(ctx, names.clerkJsMajor),
  }
  if (names.uiUrl) env[names.uiUrl] = clerkUiUrl(ctx)
  Object.assign(env, names.offline)
  if (choice.accountPortal ?? ctx.options.accountPortal) {
    env[names.signInUrl] = portalUrl(ctx, 'sign-in')
    env[names.signUpUrl] = portalUrl(ctx, 'sign-up')
  }
  env[names.jwtKey] = ctx.keys.publicKeyPem.trim()
  return env
}

const ON = new Set(['1', 'true', 'on'])
const OFF = new Set(['0', 'false', 'off'])

/** GET /__emulator/env[?framework=nuxt|next|next@6][&account_portal=on|off]; defaults are the CLI's choice. */
export function wiringEnvForRequest(event: H3Event, ctx: EmulatorContext): Record<string, string> {
  const query = getQuery(event)
  const framework = query.framework
  if (framework !== undefined && !FRAMEWORKS.includes(framework as Framework)) {
    throw clerkError(400, 'form_param_value_invalid', 'is invalid', `framework must be one of ${FRAMEWORKS.join(', ')}.`, { param_name: 'framework' })
  }
  const portal = query.account_portal
  if (portal !== undefined && (typeof portal !== 'string' || (!ON.has(portal) && !OFF.has(portal)))) {
    throw clerkError(400, 'form_param_value_invalid', 'is invalid', 'account_portal must be on or off.', { param_name: 'account_portal' })
  }
  return wiringEnv(ctx, {
    framework: framework as Framework | undefined,
    accountPortal: portal === undefined ? undefined : ON.has(portal),
  })
}

/** dotenv lines; the PEM's newlines are escaped inside double quotes, which dotenv expands. */
export function formatDotenv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => (/[\n"\s#]/.test(value) ? `${name}="${value.replace(/\n/g, '\\n')}"` : `${name}=${value}`))
    .join('\n')
}
