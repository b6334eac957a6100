/** The SDKs whose variable names the emulator prints (see env.ts). */
export const FRAMEWORKS = ['nuxt', 'next', 'next@6'] as const
export type Framework = typeof FRAMEWORKS[number]

/** The identifiers a user can have, as `/v1/environment` names them. */
export type IdentifierName = 'email_address' | 'phone_number' | 'username'
/** `--identifiers`: those users have, each required at sign-up or optional; one left out is off. */
export type IdentifierChoice = Partial<Record<IdentifierName, 'required' | 'optional'>>

// Options shared by the CLI and startEmulator(); every flag has an env twin (see cli.ts).
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. */
  port: number
  host: string
  /** Where state and the signing key live; ignored with memory. */
  dataDir: string
  /** Keep everything in memory (tests). */
  memory: boolean
  /** JSON file of users to create on first start (see README). */
  seed?: string
  /** The "Customize session token" template, as in Clerk's dashboard. */
  sessionClaims: Record<string, unknown>
  /** Session token lifetime in seconds (Clerk: 60). */
  tokenTtl: number
  /** App origins allowed to call the Frontend API with credentials; empty allows any localhost origin. */
  origins: string[]
  /** The --config file the settings were read from, if any (shown in the console). */
  configFile?: string
  /** The application name the prebuilt UI shows ("Sign in to <name>"); default "Clerk emulator". */
  appName?: string
  /** Which identifiers users have, and which sign-up requires (a new instance's: a required email address). */
  identifiers: IdentifierChoice
  /** Require an emailed code at sign-up, as a new Clerk instance does (the code goes to the outbox, /__emulator/emails). */
  emailVerification: boolean
  /** Another URL the emulator is reached at (a reverse proxy, a container name): its host passes the Host check. */
  publicUrl?: string
  /** Endpoints that receive Clerk's webhook events, signed as Svix signs them. */
  webhookUrls: string[]
  /** Waits between failed delivery attempts (default: Svix's schedule, 5 s up to 10 h). */
  webhookRetryDelaysMs?: number[]
  /** An export file (see export-import.ts) that replaces the state and keys at start. */
  importFile?: string
  /** Where to write an export of the whole state when the emulator stops. */
  exportOnExit?: string
  /** Log requests to stderr. */
  quiet: boolean
  /** Emulate Clerk's per-user limit on user updates (10 per 10 s) with 429 + Retry-After. Off by default. */
  rateLimits: boolean
  /** Whose variable names the CLI prints and /__emulator/env serves (see env.ts). */
  framework: Framework
  /** Also print the SDK's sign-in/sign-up URL variables, pointing at the Account Portal (/portal). */
  accountPortal: boolean
  // Production flavour and the prebuilt UI's account settings.
  /** `production`: pk_live_/sk_live_ keys, no dev browser, `__client`/`__client_uat` cookies; needs `origins`. */
  instance: 'development' | 'production'
  /** Multi-factor: `on` offers an authenticator app and backup codes, `required` also declares them required. */
  mfa: 'off' | 'on' | 'required'
  /** Users may delete their own account (DELETE /v1/me); the environment's `delete_self` follows. */
  allowDelete: boolean
  /** Refuse the bundled list of common passwords with `form_password_pwned` (Clerk's breached-password check). */
  passwordCheck: boolean
  /** JWT templates, minted at /v1/client/sessions/:id/tokens/:name. */
  jwtTemplates: JwtTemplateOption[]
  /** Organizations on (instance-config.ts `organizations.enabled`); off by default, as on a new instance. */
  organizations: boolean
  /** Personal accounts allowed; off gives every new session the `choose-organization` task. */
  personalAccounts: boolean
  /** Social connections by strategy (`oauth_google`), each signed in through the emulator's provider page. */
  social: string[]
}

export interface JwtTemplateOption {
  name: string
  claims: Record<string, unknown>
  /** Seconds. */
  lifetime: number
  allowedClockSkew: number
}

export const DEFAULT_SESSION_CLAIMS: Record<string, unknown> = {
  metadata: '{{user.public_metadata}}',
  firstName: '{{user.first_name}}',
}

export function resolveOptions(partial: Partial<EmulatorOptions> = {}): EmulatorOptions {
  return {
    port: partial.port ?? 4010,
    host: partial.host ?? '127.0.0.1',
    dataDir: partial.dataDir ?? '.data/clerk-emulator',
    memory: partial.memory ?? false,
    seed: partial.seed,
    sessionClaims: partial.sessionClaims ?? DEFAULT_SESSION_CLAIMS,
    tokenTtl: partial.tokenTtl ?? 60,
    origins: partial.origins ?? [],
    identifiers: partial.identifiers ?? { email_address: 'required' },
    emailVerification: partial.emailVerification ?? true,
    appName: partial.appName,
    configFile: partial.configFile,
    publicUrl: partial.publicUrl,
    webhookUrls: partial.webhookUrls ?? [],
    webhookRetryDelaysMs: partial.webhookRetryDelaysMs,
    importFile: partial.importFile,
    exportOnExit: partial.exportOnExit,
    quiet: partial.quiet ?? false,
    rateLimits: partial.rateLimits ?? false,
    framework: partial.framework ?? 'nuxt',
    accountPortal: partial.accountPortal ?? false,
    instance: partial.instance ?? 'development',
    allowDelete: partial.allowDelete ?? false,
    mfa: partial.mfa ?? 'off',
    passwordCheck: partial.passwordCheck ?? false,
    jwtTemplates: partial.jwtTemplates ?? [],
    organizations: partial.organizations ?? false,
    personalAccounts: partial.personalAccounts ?? true,
    social: partial.social ?? [],
  }
}
