import type { IdentifierSettings, InstanceConfig } from '../instance-config.ts'
import { instanceSecondFactors } from '../mfa.ts'

// The parts of /v1/environment that follow from the identifiers and second factors the instance
// turns on: `user_settings.attributes` and the matching `auth_config` summary. Each attribute's flags decide which fields <SignUp/>, <SignIn/> and
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

/** An attribute that is a second factor only (Multi-factor → Authenticator application, Backup codes). */
function secondFactorAttribute(config: InstanceConfig, strategy: string): Attribute {
  return (instanceSecondFactors(config) as string[]).includes(strategy) ? attribute({ enabled: true, used_for_second_factor: true, second_factors: [strategy] }) : attribute()
}

export function attributesJson(config: InstanceConfig): Record<string, Attribute> {
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
    }),
    username: identifier(config.username),
    web3_wallet: attribute(),
    first_name: attribute({ enabled: true }),
    last_name: attribute({ enabled: true }),
    password: attribute({ enabled: true, required: true }),
    authenticator_app: secondFactorAttribute(config, 'totp'),
    ticket: attribute({ enabled: true }),
    backup_code: secondFactorAttribute(config, 'backup_code'),
    passkey: attribute(),
  }
}

const state = (setting: IdentifierSettings) => (setting.required ? 'required' : setting.enabled ? 'on' : 'off')

/** `auth_config`'s summary of the same settings (clerk-js reads none of it; other SDKs may). */
export function authConfigIdentifiersJson(config: InstanceConfig): Record<string, unknown> {
  const identifiers = ([['email_address', config.emailAddress], ['phone_number', config.phoneNumber], ['username', config.username]] as const)
    .filter(([, setting]) => setting.enabled)
  const firstFactors = ['password']
  if (config.emailAddress.enabled) firstFactors.push('email_code')
  if (config.phoneNumber.enabled) firstFactors.push('phone_code')
  return {
    email_address: state(config.emailAddress),
    phone_number: state(config.phoneNumber),
    username: state(config.username),
    password: 'required',
    identification_requirements: [identifiers.filter(([, setting]) => setting.required).map(([name]) => name)],
    identification_strategies: identifiers.map(([name]) => name),
    first_factors: [...firstFactors, 'ticket', ...config.socialConnections],
    second_factors: instanceSecondFactors(config),
  }
}
