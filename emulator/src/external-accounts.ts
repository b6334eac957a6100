import type { EmailAddressRecord, ExternalAccountRecord, OAuthAccountRecord, Store, UserRecord } from './store.ts'
import { oauthProvider } from './oauth-providers.ts'

// Clerk's ExternalAccount: a social account connected to a user. Clerk links a provider account to
// the user who already has it, or else to the user whose verified email address it carries; the
// provider's address then counts as verified (`from_oauth_<provider>`), with `linked_to` naming the account.

export function externalAccountsOf(user: UserRecord): ExternalAccountRecord[] {
  return user.external_accounts ?? []
}

/** The user this provider account is connected to, if any. */
export function connectedUser(store: Store, account: OAuthAccountRecord): UserRecord | undefined {
  return Object.values(store.data.users).find(u => externalAccountsOf(u).some(e => e.status === 'verified' && e.account_id === account.id))
}

/** The user this provider account signs in: the one it is connected to, else the one holding its address, verified. */
export function findUserForOAuthAccount(store: Store, account: OAuthAccountRecord): UserRecord | undefined {
  return connectedUser(store, account)
    ?? Object.values(store.data.users).find(u => u.email_addresses.some(e => e.verified && e.email_address === account.email_address))
}

/** A connection waiting for the provider (<UserProfile/>'s "Connect account"); replaces an earlier unfinished one. */
export function pendingExternalAccount(store: Store, user: UserRecord, provider: string, id: string, verification: { url: string, expiresAt: number }): ExternalAccountRecord {
  const now = Date.now()
  const record: ExternalAccountRecord = {
    id,
    identification_id: store.newId('idn'),
    provider,
    account_id: null,
    status: 'unverified',
    error: null,
    redirect_url: verification.url,
    expire_at: verification.expiresAt,
    created_at: now,
    updated_at: now,
  }
  user.external_accounts = [...externalAccountsOf(user).filter(e => e.status === 'verified' || e.provider !== provider), record]
  user.updated_at = now
  return record
}

/**
 * Connects a provider account to the user (filling `pending` when a connection waited for it): the
 * account's address becomes one of the user's, verified by the provider, unless it is already theirs.
 */
export function connectOAuthAccount(store: Store, user: UserRecord, account: OAuthAccountRecord, pending?: ExternalAccountRecord): ExternalAccountRecord {
  const now = Date.now()
  const record: ExternalAccountRecord = pending ?? { id: store.newId('eac'), identification_id: store.newId('idn'), provider: account.provider, account_id: null, status: 'unverified', error: null, redirect_url: null, expire_at: now, created_at: now, updated_at: now }
  Object.assign(record, { account_id: account.id, status: 'verified', error: null, redirect_url: null, expire_at: now, updated_at: now })
  user.external_accounts = [...externalAccountsOf(user).filter(e => e.id !== record.id && !(e.status === 'unverified' && e.provider === record.provider)), record]
  let email = user.email_addresses.find(e => e.email_address === account.email_address)
  if (!email) {
    email = { id: store.newId('idn'), email_address: account.email_address, verified: true, created_at: now, updated_at: now, verification_strategy: `from_${account.provider}` }
    user.email_addresses.push(email)
    user.primary_email_address_id ??= email.id
  }
  else if (!email.verified) {
    Object.assign(email, { verified: true, verification_strategy: `from_${account.provider}`, updated_at: now })
  }
  email.linked_to = [...(email.linked_to ?? []), { type: account.provider, id: record.identification_id }]
  user.updated_at = now
  return record
}

/** Disconnects one account; the addresses it brought stay, no longer linked. False when the user has no such account. */
export function removeExternalAccount(user: UserRecord, id: string): boolean {
  const record = externalAccountsOf(user).find(e => e.id === id)
  if (!record) return false
  user.external_accounts = externalAccountsOf(user).filter(e => e.id !== id)
  for (const email of user.email_addresses) {
    if (email.linked_to?.some(link => link.id === record.identification_id)) email.linked_to = email.linked_to.filter(link => link.id !== record.identification_id)
  }
  user.updated_at = Date.now()
  return true
}

/** An address's verification when a provider vouched for it (both APIs' `verification_from_oauth`), else null. */
export function fromOAuthVerificationJson(email: EmailAddressRecord): Record<string, unknown> | null {
  if (!email.verified || !email.verification_strategy) return null
  return { object: 'verification_from_oauth', status: 'verified', strategy: email.verification_strategy, attempts: null, expire_at: null }
}

/** The ExternalAccount object, the same in both APIs (schema `ExternalAccountWithVerification`). */
export function externalAccountJson(store: Store, record: ExternalAccountRecord): Record<string, unknown> {
  const account = record.account_id ? store.data.oauthAccounts[record.account_id] : undefined
  const expired = record.status === 'unverified' && record.expire_at <= Date.now()
  return {
    object: 'external_account',
    id: record.id,
    provider: record.provider,
    identification_id: record.identification_id,
    provider_user_id: account?.subject ?? '',
    approved_scopes: account ? (oauthProvider(record.provider)?.scopes ?? '') : '',
    email_address: account?.email_address ?? '',
    email_address_verified: account ? true : null,
    first_name: account?.first_name ?? '',
    last_name: account?.last_name ?? '',
    image_url: null,
    username: account?.username ?? null,
    phone_number: null,
    public_metadata: {},
    label: null,
    created_at: record.created_at,
    updated_at: record.updated_at,
    verification: {
      object: 'verification_oauth',
      status: expired ? 'expired' : record.status,
      strategy: record.provider,
      attempts: null,
      expire_at: record.expire_at,
      ...(record.status === 'unverified' && record.redirect_url ? { external_verification_redirect_url: record.redirect_url } : {}),
      ...(record.error ? { error: record.error } : {}),
    },
  }
}
