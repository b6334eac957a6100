import type { EmulatorOptions, IdentifierChoice, IdentifierName, JwtTemplateOption } from './options.ts'
import type { ProductionHosts } from './urls.ts'

// The instance's configuration: what Clerk's dashboard sets, in one place that /v1/environment
// (fapi/environment.ts), the sign-in and sign-up flows, the Backend API and the console all read.
// Each field is named for its dashboard setting and says which /v1/environment field shows it; a
// new setting is one more field here, its default, and the flag (cli-args.ts) that sets it.

/** User & authentication → Password (`user_settings.password_settings`). */
export interface PasswordSettings {
  /** `min_length`: Clerk's default is 8. */
  minLength: number
  /** `max_length`: 72 bytes, bcrypt's limit. */
  maxLength: number
  /** "Reject compromised passwords" (`disable_hibp` is its negation): here a bundled list of common ones. */
  rejectCompromised: boolean
}

/** User & authentication → Email, Phone, Username: offered at sign-up, and whether sign-up requires it. */
export interface IdentifierSettings {
  /** `user_settings.attributes.<name>.enabled`, and `used_for_first_factor`: every offered identifier signs in. */
  enabled: boolean
  /** `user_settings.attributes.<name>.required` (`auth_config.<name>: 'required'`). */
  required: boolean
}

/** Multi-factor → `off`, `on` (users may add a second factor) or `required` (`sign_in.second_factor.required`). */
export type MfaSetting = 'off' | 'on' | 'required'

export interface InstanceConfig {
  /** `display_config.instance_environment_type`; production also needs `allowedOrigins` (its domain). */
  environmentType: 'development' | 'production'
  /** Settings → Application name (`display_config.application_name`). */
  applicationName: string
  /** Domains → Allowed origins (Backend API `allowed_origins`); empty allows any loopback origin. */
  allowedOrigins: string[]
  /** Email; "Verify at sign-up" is `user_settings.attributes.email_address.verify_at_sign_up` (Clerk's default: on, by emailed code). */
  emailAddress: IdentifierSettings & { verifyAtSignUp: boolean }
  /** Phone; always verified at sign-up, by SMS code. */
  phoneNumber: IdentifierSettings
  username: IdentifierSettings
  /** SSO connections → the social providers turned on, by strategy (`oauth_google`): `user_settings.social`. */
  socialProviders: string[]
  /** Multi-factor: TOTP and backup codes (`attributes.authenticator_app`, `backup_code`), SMS codes with phone numbers. */
  mfa: MfaSetting
  password: PasswordSettings
  /** User & authentication → Allow users to delete their accounts (`user_settings.actions.delete_self`). */
  deleteSelf: boolean
  /** Sessions → Customize session token, and the token's lifetime in seconds (Clerk: 60). */
  sessionToken: { claims: Record<string, unknown>, lifetimeSeconds: number }
  /** JWT templates, minted at /v1/client/sessions/:id/tokens/:name. */
  jwtTemplates: JwtTemplateOption[]
}

function identifierSettings(choice: IdentifierChoice, name: IdentifierName): IdentifierSettings {
  return { enabled: choice[name] !== undefined, required: choice[name] === 'required' }
}

/** The configuration the resolved options describe; an option left out is a new Clerk instance's default. */
export function instanceConfig(options: EmulatorOptions): InstanceConfig {
  return {
    environmentType: options.instance,
    applicationName: options.appName ?? 'Clerk emulator',
    allowedOrigins: options.origins,
    emailAddress: { ...identifierSettings(options.identifiers, 'email_address'), verifyAtSignUp: options.emailVerification },
    phoneNumber: identifierSettings(options.identifiers, 'phone_number'),
    username: identifierSettings(options.identifiers, 'username'),
    socialProviders: [],
    mfa: 'off',
    password: { minLength: 8, maxLength: 72, rejectCompromised: options.passwordCheck },
    deleteSelf: options.allowDelete,
    sessionToken: { claims: options.sessionClaims, lifetimeSeconds: options.tokenTtl },
    jwtTemplates: options.jwtTemplates,
  }
}

/**
 * The hosts of a production instance, from its first allowed origin; throws with the reason when
 * the configuration cannot describe one (no origin, or a single-label host such as `localhost`, on
 * which a browser refuses a cookie for the parent domain).
 */
export function productionHosts(config: Pick<InstanceConfig, 'environmentType' | 'allowedOrigins'>): ProductionHosts | null {
  if (config.environmentType !== 'production') return null
  const first = config.allowedOrigins[0]
  if (!first) throw new Error('--instance production needs --origin <app origin>, e.g. --origin http://app.localhost:3000')
  const host = new URL(first).hostname
  if (!host.includes('.') || host.startsWith('[') || /^[\d.]+$/.test(host)) {
    throw new Error(`--instance production needs an app origin on a domain name with a parent, e.g. http://app.localhost:3000; "${first}" has none, so no cookie could be shared with clerk.${host}`)
  }
  return { appDomain: host, frontendApiHost: `clerk.${host}` }
}

function identifierText(label: string, setting: IdentifierSettings, verification?: string): string | null {
  if (!setting.enabled) return null
  return `${label} (${[setting.required ? 'required' : 'optional', verification].filter(Boolean).join(', ')})`
}

/** The settings as the dashboard would show them, label and value, for the console. */
export function describeConfig(config: InstanceConfig): Array<[string, string]> {
  const identifiers = [
    identifierText('email address', config.emailAddress, config.emailAddress.verifyAtSignUp ? 'emailed code at sign-up' : 'not verified at sign-up'),
    identifierText('username', config.username),
    identifierText('phone number', config.phoneNumber, 'SMS code at sign-up'),
  ].filter(Boolean)
  const { password } = config
  return [
    ['Application name', config.applicationName],
    ['Environment', config.environmentType],
    ['Identifiers', identifiers.join(', ')],
    ['Password', `required, ${password.minLength}–${password.maxLength} characters${password.rejectCompromised ? ', common passwords refused' : ''}`],
    ['Social providers', config.socialProviders.join(', ') || 'none'],
    ['Multi-factor', config.mfa],
    ['Users may delete their accounts', config.deleteSelf ? 'yes' : 'no'],
    ['Allowed origins', config.allowedOrigins.join(', ') || 'any loopback origin'],
    ['Session token lifetime', `${config.sessionToken.lifetimeSeconds} s`],
    ['JWT templates', config.jwtTemplates.map(t => t.name).join(', ') || 'none'],
  ]
}

/** One line for a start-up banner: the name, how people sign up, and what else is on. */
export function summarizeConfig(config: InstanceConfig): string {
  const identifiers = [config.emailAddress.enabled && 'email', config.username.enabled && 'username', config.phoneNumber.enabled && 'phone']
    .filter(Boolean).join('/')
  const parts = [
    `"${config.applicationName}"`,
    `${identifiers} + password`,
    config.emailAddress.enabled ? `email ${config.emailAddress.verifyAtSignUp ? 'verified by code' : 'unverified'} at sign-up` : null,
    config.socialProviders.length ? `social: ${config.socialProviders.join(', ')}` : null,
    config.mfa !== 'off' ? `MFA ${config.mfa}` : null,
  ]
  return parts.filter(Boolean).join('; ')
}
