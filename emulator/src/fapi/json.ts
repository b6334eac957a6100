import type { EmulatorContext } from '../context.ts'
import type { InstanceConfig } from '../instance-config.ts'
import { mfaFields, signInSecondFactors } from '../mfa.ts'
import { phoneNumbersOf } from '../phone-numbers.ts'
import { factorVerificationAge } from '../sessions.ts'
import type { ClientRecord, EmailAddressRecord, EmailCodeRecord, PhoneNumberRecord, SessionRecord, UserRecord } from '../store.ts'
import { mintInstanceToken } from '../tokens.ts'
import { userImageUrl } from '../urls.ts'
import { signUpRequirements, type SignInAttempt, type SignUpAttempt, type VerificationState } from '../attempts.ts'
import { activeSessions } from '../clients.ts'
import { publicSessionStatus, tasksJson } from '../session-tasks.ts'
import { organizationMembershipsJson } from './organization-json.ts'
import { publicUserDataJson } from './public-user-data.ts'
import { externalAccountJson, externalAccountsOf, fromOAuthVerificationJson } from '../external-accounts.ts'

// Frontend API JSON for each resource. clerk-js reads these fields without defaults in places, so
// every array is present (maybe empty) and every nullable field is sent as null. Times are ms.

/** An address's or number's code verification: done, waiting for the `pending` code, or never started. */
function identificationVerificationJson(verified: boolean, verifiedAt: number, strategy: 'email_code' | 'phone_code', pending?: EmailCodeRecord) {
  // The schema wants an expiry even for a finished code; the verification time stands in.
  if (verified) return { object: 'verification_otp', status: 'verified', strategy, attempts: null, expire_at: verifiedAt }
  if (!pending) return null
  return { object: 'verification_otp', status: pending.expire_at > Date.now() ? 'unverified' : 'expired', strategy, attempts: pending.attempts, expire_at: pending.expire_at }
}

/** `pending`: the code emailed for an address added in <UserProfile/>, not yet entered. */
export function emailAddressJson(email: EmailAddressRecord, pending?: EmailCodeRecord): Record<string, unknown> {
  return {
    object: 'email_address',
    id: email.id,
    email_address: email.email_address,
    reserved: false,
    verification: fromOAuthVerificationJson(email) ?? identificationVerificationJson(email.verified, email.updated_at, 'email_code', pending),
    linked_to: email.linked_to ?? [],
    matches_sso_connection: false,
    created_at: email.created_at,
    updated_at: email.updated_at,
  }
}

/** `pending`: the SMS code for a number added in <UserProfile/>, not yet entered. */
export function phoneNumberJson(phone: PhoneNumberRecord, pending?: EmailCodeRecord): Record<string, unknown> {
  return {
    object: 'phone_number',
    id: phone.id,
    phone_number: phone.phone_number,
    reserved_for_second_factor: false,
    default_second_factor: false,
    reserved: false,
    verification: identificationVerificationJson(phone.verified, phone.updated_at, 'phone_code', pending),
    linked_to: [],
    backup_codes: null,
    created_at: phone.created_at,
    updated_at: phone.updated_at,
  }
}

export function userJson(ctx: EmulatorContext, user: UserRecord): Record<string, unknown> {
  return {
    object: 'user',
    id: user.id,
    external_id: null,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: userImageUrl(ctx, user),
    has_image: Boolean(user.image_id),
    primary_email_address_id: user.primary_email_address_id,
    primary_phone_number_id: user.primary_phone_number_id ?? null,
    primary_web3_wallet_id: null,
    password_enabled: Boolean(user.password_digest),
    ...mfaFields(user),
    email_addresses: user.email_addresses.map(e => emailAddressJson(e, ctx.store.data.emailCodes[e.id])),
    phone_numbers: phoneNumbersOf(user).map(p => phoneNumberJson(p, ctx.store.data.emailCodes[p.id])),
    web3_wallets: [],
    passkeys: [],
    organization_memberships: organizationMembershipsJson(ctx, user),
    external_accounts: externalAccountsOf(user).map(e => externalAccountJson(ctx.store, e)),
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: user.public_metadata,
    unsafe_metadata: user.unsafe_metadata,
    password_last_updated_at: null,
    last_sign_in_at: user.last_sign_in_at,
    banned: user.banned,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    delete_self_enabled: ctx.config.deleteSelf,
    create_organization_enabled: ctx.config.organizations.enabled,
    create_organizations_limit: 0, // 0: no limit
    last_active_at: user.last_active_at,
    legal_accepted_at: null,
    created_at: user.created_at,
    updated_at: user.updated_at,
  }
}

/** What every Frontend API view of a session starts with: its id, status and times. */
export function sessionTimesJson(session: SessionRecord) {
  return {
    object: 'session',
    id: session.id,
    status: publicSessionStatus(session),
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    last_active_at: session.last_active_at,
  }
}

/** `withToken: false` for listings of the user's other devices, whose tokens this browser must not get. */
export async function sessionJson(ctx: EmulatorContext, session: SessionRecord, origin: string | null, withToken = true): Promise<Record<string, unknown>> {
  const user = ctx.store.data.users[session.user_id]
  // An active session always carries a current token: clerk-js seeds its token cache from it.
  const jwt = withToken && user && session.status === 'active' ? await mintInstanceToken(ctx, session, user, origin) : null
  return {
    ...sessionTimesJson(session),
    last_active_token: jwt ? { object: 'token', jwt } : null,
    last_active_organization_id: session.last_active_organization_id ?? null,
    actor: null,
    tasks: tasksJson(session),
    user: user ? userJson(ctx, user) : null,
    public_user_data: user ? publicUserDataJson(ctx, user) : null,
    factor_verification_age: factorVerificationAge(session),
    created_at: session.created_at,
    updated_at: session.updated_at,
  }
}

const VERIFICATION_OBJECTS: Record<string, string> = {
  password: 'verification_password',
  ticket: 'verification_ticket',
  totp: 'verification_totp',
  backup_code: 'verification_backup_code',
}

function verificationJson(v: VerificationState | null, extra: Record<string, unknown> = {}): Record<string, unknown> | null {
  if (!v) return null
  if (v.strategy?.startsWith('oauth_')) {
    // A social provider's: where the browser goes while unverified, and why it did not finish.
    const redirect = v.status === 'unverified' ? v.external_verification_redirect_url ?? null : null
    return { object: 'verification_oauth', status: v.status, strategy: v.strategy, external_verification_redirect_url: redirect, error: v.error ?? null, attempts: v.attempts, expire_at: v.expire_at }
  }
  const object = VERIFICATION_OBJECTS[v.strategy ?? ''] ?? (v.strategy?.startsWith('from_oauth_') ? 'verification_from_oauth' : 'verification_otp')
  return { object, status: v.status, strategy: v.strategy, attempts: v.attempts, expire_at: v.expire_at, ...extra }
}

function signInFactors(user: UserRecord | undefined): Record<string, unknown>[] {
  if (!user) return []
  const factors: Record<string, unknown>[] = []
  if (user.password_digest) factors.push({ strategy: 'password' })
  const email = user.email_addresses.find(e => e.id === user.primary_email_address_id)
  if (email) {
    factors.push({ strategy: 'email_code', safe_identifier: email.email_address, email_address_id: email.id, primary: true })
    // Drives the UI's "Forgot password?" link.
    if (user.password_digest) factors.push({ strategy: 'reset_password_email_code', safe_identifier: email.email_address, email_address_id: email.id, primary: true })
  }
  const phone = phoneNumbersOf(user).find(p => p.id === user.primary_phone_number_id && p.verified)
  if (phone) factors.push({ strategy: 'phone_code', safe_identifier: phone.phone_number, phone_number_id: phone.id, primary: true })
  return factors
}

function supportedIdentifiers(config: InstanceConfig): string[] {
  return ([['email_address', config.emailAddress], ['phone_number', config.phoneNumber], ['username', config.username]] as const)
    .filter(([, setting]) => setting.enabled).map(([name]) => name)
}

export function signInJson(ctx: EmulatorContext, attempt: SignInAttempt): Record<string, unknown> {
  const store = ctx.store
  const user = attempt.user_id ? store.data.users[attempt.user_id] : undefined
  return {
    object: 'sign_in_attempt',
    id: attempt.id,
    status: attempt.status,
    supported_identifiers: supportedIdentifiers(ctx.config),
    supported_first_factors: attempt.status === 'needs_identifier' ? [] : signInFactors(user),
    supported_second_factors: attempt.status === 'needs_second_factor' && user ? signInSecondFactors(ctx.config, user).map(strategy => ({ strategy })) : null,
    first_factor_verification: verificationJson(attempt.first_factor_verification),
    second_factor_verification: verificationJson(attempt.second_factor_verification ?? null),
    identifier: attempt.identifier,
    user_data: user ? { first_name: user.first_name, last_name: user.last_name, image_url: userImageUrl(ctx, user), has_image: Boolean(user.image_id) } : null,
    created_session_id: attempt.created_session_id,
    abandon_at: attempt.abandon_at,
    client_trust_state: null,
  }
}

/** A sign-up verification, null until a code is sent (Clerk's schema has no "not prepared yet" one); the UI then prepares one. */
function signUpVerificationJson(v: VerificationState | null | undefined, strategies: string[]): Record<string, unknown> | null {
  return v ? verificationJson(v, { next_action: v.status === 'verified' ? '' : 'needs_attempt', supported_strategies: strategies }) : null
}

export function signUpJson(config: InstanceConfig, attempt: SignUpAttempt): Record<string, unknown> {
  const { required, optional, missing, unverified } = signUpRequirements(config, attempt)
  const done = attempt.status === 'complete'
  // An address a social provider vouched for shows its `from_oauth_*` verification, with no code to enter.
  const fromProvider = Boolean(attempt.email_verification?.strategy?.startsWith('from_oauth_'))
  return {
    object: 'sign_up_attempt',
    id: attempt.id,
    status: attempt.status,
    required_fields: required,
    optional_fields: optional,
    missing_fields: done ? [] : missing,
    unverified_fields: done ? [] : unverified,
    verifications: {
      email_address: attempt.email_code_required || fromProvider ? signUpVerificationJson(attempt.email_verification, fromProvider ? [] : ['email_code']) : null,
      phone_number: signUpVerificationJson(attempt.phone_verification, ['phone_code']),
      web3_wallet: null,
      external_account: verificationJson(attempt.external_verification ?? null),
    },
    username: attempt.username ?? null,
    email_address: attempt.email_address,
    phone_number: attempt.phone_number ?? null,
    web3_wallet: null,
    password_enabled: Boolean(attempt.password_digest),
    first_name: attempt.first_name,
    last_name: attempt.last_name,
    unsafe_metadata: attempt.unsafe_metadata,
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: attempt.created_session_id,
    created_user_id: attempt.created_user_id,
    abandon_at: attempt.abandon_at,
    legal_accepted_at: null,
  }
}

export async function clientJson(ctx: EmulatorContext, client: ClientRecord, origin: string | null): Promise<Record<string, unknown>> {
  const store = ctx.store
  const signIn = client.sign_in_id ? (store.data.signIns[client.sign_in_id] as SignInAttempt | undefined) : undefined
  const signUp = client.sign_up_id ? (store.data.signUps[client.sign_up_id] as SignUpAttempt | undefined) : undefined
  const sessions = await Promise.all(activeSessions(store, client).map(s => sessionJson(ctx, s, origin)))
  return {
    object: 'client',
    id: client.id,
    sessions,
    sign_in: signIn ? signInJson(ctx, signIn) : null,
    sign_up: signUp ? signUpJson(ctx.config, signUp) : null,
    last_active_session_id: client.last_active_session_id,
    last_authentication_strategy: null,
    // null keeps clerk-js from routing sign-out through /v1/client/touch (a Safari cookie-lifetime fix).
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.created_at,
    updated_at: client.updated_at,
  }
}

/** The `{ response, client }` envelope: clerk-js replaces its whole client with the piggybacked one. */
export async function withClient(ctx: EmulatorContext, client: ClientRecord, origin: string | null, response: unknown): Promise<{ response: unknown, client: unknown }> {
  return { response, client: await clientJson(ctx, client, origin) }
}
