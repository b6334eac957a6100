import type { EmulatorContext } from './context.ts'
import { newCode, recordEmail, recordSms, type EmailKind } from './emails.ts'
import type { InstanceConfig } from './instance-config.ts'
import type { Metadata, SignInRecord, SignUpRecord, Store } from './store.ts'

// Clerk's SignIn and SignUp: the attempts the Frontend API keeps in store.data.signIns/signUps
// (store.ts types them loosely), their lifetime, and the verifications both kinds carry.

/** One verification (email code, password, ticket, social provider) as FAPI tracks it. */
export interface VerificationState {
  status: 'unverified' | 'verified' | 'failed' | 'expired' | 'transferable'
  strategy: string | null
  attempts: number | null
  expire_at: number | null
  /** The emailed one-time code, kept in clear: this is a test double and tests read it back. */
  code?: string | null
  /** A social provider's verification: the provider page the browser goes to while it is unverified. */
  external_verification_redirect_url?: string | null
  /** Why the provider's answer did not finish the attempt (Clerk's error object). */
  error?: { code: string, message: string, long_message: string } | null
  /** The provider account it verified (oauthAccounts), carried over when the attempt is transferred. */
  oauth_account_id?: string | null
}

export interface SignInAttempt extends SignInRecord {
  status: 'needs_identifier' | 'needs_first_factor' | 'needs_second_factor' | 'needs_new_password' | 'complete' | 'abandoned'
  identifier: string | null
  user_id: string | null
  first_factor_verification: VerificationState | null
  /** Absent until the second-factor step starts. */
  second_factor_verification?: VerificationState | null
  created_session_id: string | null
  abandon_at: number
}

export interface SignUpAttempt extends SignUpRecord {
  status: 'missing_requirements' | 'complete' | 'abandoned'
  email_address: string | null
  password_digest: string | null
  first_name: string | null
  last_name: string | null
  unsafe_metadata: Metadata
  /** The browser's language clerk-js sends (BCP 47); the new user keeps it, and the emails follow it. */
  locale: string | null
  /** Fixed when the attempt starts, so toggling the option mid-flow cannot strand an attempt. */
  email_code_required: boolean
  email_verification: VerificationState | null
  // Absent on attempts stored before usernames and phone numbers: none.
  username?: string | null
  /** E.164; always verified by an SMS code before the account exists. */
  phone_number?: string | null
  phone_verification?: VerificationState | null
  /** A sign-up through a social provider (`verifications.external_account`); absent for email sign-ups. */
  external_verification?: VerificationState | null
  created_user_id: string | null
  created_session_id: string | null
  abandon_at: number
}

export const ATTEMPT_TTL_MS = 24 * 60 * 60 * 1000
export const CODE_TTL_MS = 10 * 60 * 1000
export const MAX_CODE_ATTEMPTS = 5

/** Drops sign-in/sign-up attempts past their abandon time, so the state file does not grow without bound. */
export function pruneAbandonedAttempts(store: Store, now = Date.now()): void {
  for (const collection of [store.data.signIns, store.data.signUps]) {
    for (const [id, attempt] of Object.entries(collection)) {
      if (typeof attempt.abandon_at === 'number' && attempt.abandon_at <= now) delete collection[id]
    }
  }
}

/** Emails a fresh code and returns the verification that waits for it (sign-in and sign-up alike). */
export function emailCodeVerification(ctx: EmulatorContext, to: string, kind: EmailKind, strategy: string, locale: string | null | undefined): VerificationState {
  const code = newCode(to)
  recordEmail(ctx, to, kind, code, locale)
  return { status: 'unverified', strategy, attempts: 0, expire_at: Date.now() + CODE_TTL_MS, code }
}

/** Texts a fresh code to a phone number and returns the verification that waits for it. */
export function smsCodeVerification(ctx: EmulatorContext, to: string, strategy: string): VerificationState {
  const code = newCode(to)
  recordSms(ctx, to, code)
  return { status: 'unverified', strategy, attempts: 0, expire_at: Date.now() + CODE_TTL_MS, code }
}

export interface SignUpRequirements {
  required: string[]
  optional: string[]
  /** Required fields not given yet; an identifier too when none is given and none is required. */
  missing: string[]
  /** Identifiers given but still waiting for their code. */
  unverified: string[]
}

/** What a sign-up asks for under the instance's configuration, and what it still lacks. */
export function signUpRequirements(config: InstanceConfig, attempt: SignUpAttempt): SignUpRequirements {
  const identifiers = [
    { field: 'email_address', setting: config.emailAddress, value: attempt.email_address, verified: !attempt.email_code_required || attempt.email_verification?.status === 'verified' },
    { field: 'phone_number', setting: config.phoneNumber, value: attempt.phone_number ?? null, verified: attempt.phone_verification?.status === 'verified' },
    { field: 'username', setting: config.username, value: attempt.username ?? null, verified: true },
  ].filter(i => i.setting.enabled)
  const required = [...identifiers.filter(i => i.setting.required).map(i => i.field), 'password']
  const optional = [...identifiers.filter(i => !i.setting.required).map(i => i.field), 'first_name', 'last_name']
  const missing = identifiers.filter(i => i.setting.required && !i.value).map(i => i.field)
  if (!identifiers.some(i => i.value) && missing.length === 0 && identifiers[0]) missing.push(identifiers[0].field)
  // A sign-up through a social provider needs no password.
  if (!attempt.password_digest && !attempt.external_verification) missing.push('password')
  const unverified = identifiers.filter(i => i.value && !i.verified).map(i => i.field)
  return { required, optional, missing, unverified }
}
