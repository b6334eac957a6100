import { mfaFields } from '../mfa.ts'
import { phoneNumbersOf } from '../phone-numbers.ts'
import { publicSessionStatus, tasksJson } from '../session-tasks.ts'
import { externalAccountJson, externalAccountsOf, fromOAuthVerificationJson } from '../external-accounts.ts'
import type { EmailAddressRecord, PhoneNumberRecord, SessionRecord, SignInTokenRecord, Store, UserRecord } from '../store.ts'
import { userImageUrl, type EmulatorAddress } from '../urls.ts'

// Backend API JSON shapes. Every object lists exactly the fields of the published schema
// (bapi-2026-05-12, `additionalProperties: false`), so the schema test catches any drift.

/** Created verified by the Backend API (`admin`), or still waiting for the owner's code. */
function identificationVerificationJson(verified: boolean, strategy: 'email_code' | 'phone_code') {
  return verified
    ? { object: 'verification_admin', status: 'verified', strategy: 'admin', attempts: null, expire_at: null }
    : { object: 'verification_otp', status: 'unverified', strategy, attempts: null, expire_at: null }
}

export function emailAddressJson(email: EmailAddressRecord) {
  return {
    id: email.id,
    object: 'email_address',
    email_address: email.email_address,
    reserved: false,
    verification: fromOAuthVerificationJson(email) ?? identificationVerificationJson(email.verified, 'email_code'),
    linked_to: email.linked_to ?? [],
    matches_sso_connection: false,
    created_at: email.created_at,
    updated_at: email.updated_at,
  }
}

export function phoneNumberJson(phone: PhoneNumberRecord) {
  return {
    id: phone.id,
    object: 'phone_number',
    phone_number: phone.phone_number,
    reserved_for_second_factor: false,
    default_second_factor: false,
    reserved: false,
    verification: identificationVerificationJson(phone.verified, 'phone_code'),
    linked_to: [],
    backup_codes: null,
    created_at: phone.created_at,
    updated_at: phone.updated_at,
  }
}

/** `at.store` resolves external accounts to the provider accounts behind them. */
export function userJson(at: EmulatorAddress & { store: Store }, user: UserRecord) {
  return {
    id: user.id,
    object: 'user',
    external_id: user.external_id ?? null,
    primary_email_address_id: user.primary_email_address_id,
    primary_phone_number_id: user.primary_phone_number_id ?? null,
    primary_web3_wallet_id: null,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    locale: user.locale ?? null,
    image_url: userImageUrl(at, user),
    has_image: Boolean(user.image_id),
    public_metadata: user.public_metadata,
    private_metadata: user.private_metadata,
    unsafe_metadata: user.unsafe_metadata,
    email_addresses: user.email_addresses.map(emailAddressJson),
    phone_numbers: phoneNumbersOf(user).map(phoneNumberJson),
    web3_wallets: [],
    passkeys: [],
    password_enabled: Boolean(user.password_digest),
    ...mfaFields(user),
    password_last_updated_at: user.password_last_updated_at ?? null,
    external_accounts: externalAccountsOf(user).map(e => externalAccountJson(at.store, e)),
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    last_sign_in_at: user.last_sign_in_at,
    banned: user.banned,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    updated_at: user.updated_at,
    created_at: user.created_at,
    delete_self_enabled: true,
    create_organization_enabled: true,
    create_organizations_limit: null,
    last_active_at: user.last_active_at,
    legal_accepted_at: null,
    bypass_client_trust: false,
  }
}

export function sessionJson(session: SessionRecord) {
  return {
    object: 'session',
    id: session.id,
    user_id: session.user_id,
    client_id: session.client_id,
    actor: null,
    status: publicSessionStatus(session),
    last_active_organization_id: session.last_active_organization_id ?? null,
    last_active_at: session.last_active_at,
    latest_activity: null,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    updated_at: session.updated_at,
    created_at: session.created_at,
    tasks: tasksJson(session),
  }
}

export function signInTokenJson(token: SignInTokenRecord, url: string | null) {
  return {
    object: 'sign_in_token',
    id: token.id,
    status: token.status,
    user_id: token.user_id,
    token: token.token,
    url,
    created_at: token.created_at,
    updated_at: token.updated_at,
  }
}

export function deletedJson(object: string, id: string, externalId?: string | null) {
  return { object, id, deleted: true, ...(externalId ? { external_id: externalId } : {}) }
}
