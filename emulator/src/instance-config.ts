import { oauthProvider } from './oauth-providers.ts'
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

/** Organizations → Settings (`organization_settings`; Backend API `/v1/instance/organization_settings`). */
export interface OrganizationSettings {
  /** "Enable organizations" (`enabled`): off on a new instance. */
  enabled: boolean
  /** "Allow personal accounts"; off makes every session choose an organization (`force_organization_selection`). */
  personalAccounts: boolean
  /** "Default membership limit" (`max_allowed_memberships`) for new organizations; 0: no limit. */
  maxAllowedMemberships: number
  /** "Allow admins to delete organizations" (`actions.admin_delete`). */
  adminDelete: boolean
  /** "Creator's initial role" (`creator_role`). */
  creatorRole: string
  /** Slugs hidden and not required (`slug.disabled`). */
  slugDisabled: boolean
}

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
  password: PasswordSettings
  /** Multi-factor: TOTP and backup codes (`attributes.authenticator_app`, `backup_code`), SMS codes with phone numbers. */
  mfa: MfaSetting
  /** User & authentication → Allow users to delete their accounts (`user_settings.actions.delete_self`). */
  deleteSelf: boolean
  /** Sessions → Customize session token, and the token's lifetime in seconds (Clerk: 60). */
  sessionToken: { claims: Record<string, unknown>, lifetimeSeconds: number }
  /** JWT templates, minted at /v1/client/sessions/:id/tokens/:name. */
  jwtTemplates: JwtTemplateOption[]
  organizations: OrganizationSettings
  /** User & authentication → SSO connections, by strategy (`oauth_google`; `user_settings.social`). */
  socialConnections: string[]
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
    password: { minLength: 8, maxLength: 72, rejectCompromised: options.passwordCheck },
    mfa: options.mfa,
    deleteSelf: options.allowDelete,
    sessionToken: { claims: options.sessionClaims, lifetimeSeconds: options.tokenTtl },
    jwtTemplates: options.jwtTemplates,
    // Clerk's defaults for a new instance: 5 members per organization, admins may delete it.
    organizations: { enabled: options.organizations, personalAccounts: options.personalAccounts, maxAllowedMemberships: 5, adminDelete: true, creatorRole: 'org:admin', slugDisabled: false },
    socialConnections: options.social.map(socialStrategy),
  }
}

/** `google` or `oauth_google` as the strategy; a name Clerk does not know cannot be configured. */
function socialStrategy(name: string): string {
  const provider = oauthProvider(name)
  if (!provider) throw new Error(`"${name}" is not a social connection Clerk knows`)
  return provider.strategy
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
    ['Social providers', config.socialConnections.join(', ') || 'none'],
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
    config.socialConnections.length ? `social: ${config.socialConnections.join(', ')}` : null,
    config.mfa !== 'off' ? `MFA ${config.mfa}` : null,
  ]
  return parts.filter(Boolean).join('; ')
}
