import type { IdentifierSettings, InstanceConfig } from '../instance-config.ts'

// The parts of /v1/environment that follow from the identifiers, social providers and second
// factors the instance turns on: `user_settings.attributes`, `user_settings.social` and the matching
// `auth_config` summary. Each attribute's flags decide which fields <SignUp/>, <SignIn/> and
// <UserProfile/> draw; the shapes are those of Clerk's own UI fixtures.

type Attribute = {
  enabled: boolean
  required: boolean
  used_for_first_factor: boolean
  first_factors: string[]
  used_for_second_factor: boolean
  second_factors: string[]
  verifications: string[]
  verify_at_sign_up: boolean
  immutable: boolean
}

function attribute(overrides: Partial<Attribute> = {}): Attribute {
  return {
    enabled: false,
    required: false,
    used_for_first_factor: false,
    first_factors: [],
    used_for_second_factor: false,
    second_factors: [],
    verifications: [],
    verify_at_sign_up: false,
    immutable: false,
    ...overrides,
  }
}

/** An identifier users sign in with: offered, maybe required, and a first factor when on. */
function identifier(setting: IdentifierSettings, overrides: Partial<Attribute> = {}): Attribute {
  if (!setting.enabled) return attribute()
  return attribute({ enabled: true, required: setting.required, used_for_first_factor: true, ...overrides })
}

/** SMS codes are a second factor only where users have phone numbers. */
function smsSecondFactor(config: InstanceConfig): boolean {
  return config.mfa !== 'off' && config.phoneNumber.enabled
}

export function attributesJson(config: InstanceConfig): Record<string, Attribute> {
  const mfa = config.mfa !== 'off'
  return {
    email_address: identifier(config.emailAddress, {
      first_factors: ['email_code'],
      verifications: ['email_code'],
      verify_at_sign_up: config.emailAddress.verifyAtSignUp,
    }),
    phone_number: identifier(config.phoneNumber, {
      first_factors: ['phone_code'],
      verifications: ['phone_code'],
      verify_at_sign_up: true,
      ...(smsSecondFactor(config) ? { used_for_second_factor: true, second_factors: ['phone_code'] } : {}),
    }),
    username: identifier(config.username),
    web3_wallet: attribute(),
    first_name: attribute({ enabled: true }),
    last_name: attribute({ enabled: true }),
    password: attribute({ enabled: true, required: true }),
    authenticator_app: mfa ? attribute({ enabled: true, used_for_second_factor: true, second_factors: ['totp'] }) : attribute(),
    ticket: attribute({ enabled: true }),
    backup_code: mfa ? attribute({ enabled: true, used_for_second_factor: true, second_factors: ['backup_code'] }) : attribute(),
    passkey: attribute(),
  }
}

/** Clerk's names for the providers it knows; an `oauth_<name>` outside this list shows as its name. */
const PROVIDER_NAMES: Record<string, string> = {
  oauth_apple: 'Apple', oauth_discord: 'Discord', oauth_facebook: 'Facebook', oauth_github: 'GitHub', oauth_gitlab: 'GitLab',
  oauth_google: 'Google', oauth_linkedin_oidc: 'LinkedIn', oauth_microsoft: 'Microsoft', oauth_slack: 'Slack', oauth_x: 'X / Twitter',
}

export function socialJson(config: InstanceConfig): Record<string, Record<string, unknown>> {
  return Object.fromEntries(config.socialProviders.map(strategy => [strategy, {
    enabled: true,
    required: false,
    authenticatable: true,
    block_email_subaddresses: false,
    strategy,
    not_selectable: false,
    deprecated: false,
    name: PROVIDER_NAMES[strategy] ?? strategy.replace(/^oauth_/, ''),
  }]))
}

const state = (setting: IdentifierSettings) => (setting.required ? 'required' : setting.enabled ? 'on' : 'off')

/** `auth_config`'s summary of the same settings (clerk-js reads none of it; other SDKs may). */
export function authConfigIdentifiersJson(config: InstanceConfig): Record<string, unknown> {
  const identifiers = ([['email_address', config.emailAddress], ['phone_number', config.phoneNumber], ['username', config.username]] as const)
    .filter(([, setting]) => setting.enabled)
  const firstFactors = ['password']
  if (config.emailAddress.enabled) firstFactors.push('email_code')
  if (config.phoneNumber.enabled) firstFactors.push('phone_code')
  const secondFactors = config.mfa === 'off' ? [] : ['totp', 'backup_code', ...(smsSecondFactor(config) ? ['phone_code'] : [])]
  return {
    email_address: state(config.emailAddress),
    phone_number: state(config.phoneNumber),
    username: state(config.username),
    password: 'required',
    identification_requirements: [identifiers.filter(([, setting]) => setting.required).map(([name]) => name)],
    identification_strategies: identifiers.map(([name]) => name),
    first_factors: [...firstFactors, 'ticket', ...config.socialProviders],
    second_factors: secondFactors,
  }
}
