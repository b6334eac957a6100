import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { EmulatorContext } from './context.ts'
import { randomBase62 } from './ids.ts'
import { oauthProvider } from './oauth-providers.ts'
import type { OAuthAccountRecord, OAuthAuthorizationRecord, Store } from './store.ts'
import { oauthAuthorizeUrl, oauthCallbackUrl } from './urls.ts'

// A trip to the emulator's provider page and back through /v1/oauth_callback, as OAuth 2.0's
// authorization-code flow makes it: the Frontend API hands out an unguessable `state`; the provider
// page accepts it only while it is pending, and gives the browser a one-time `code` for it; the
// callback redeems state and code once, within the verification's 10 minutes. Anything else (a
// forged, replayed or expired state, a wrong code) finds nothing and changes nothing.

/** How long the provider may take (Clerk's OAuth verifications last 10 minutes). */
export const OAUTH_VERIFICATION_TTL_MS = 10 * 60 * 1000

export type AuthorizationStart = Pick<OAuthAuthorizationRecord, 'provider' | 'client_id' | 'flow' | 'target_id' | 'user_id' | 'redirect_url' | 'action_complete_redirect_url'>

/** Records a new authorization and returns the provider page URL for it (`external_verification_redirect_url`). */
export function startAuthorization(ctx: EmulatorContext, start: AuthorizationStart): { url: string, expiresAt: number } {
  const now = Date.now()
  pruneAuthorizations(ctx.store, now)
  const state = randomBase62(43)
  const record: OAuthAuthorizationRecord = { ...start, code: null, account_id: null, denied: false, expires_at: now + OAUTH_VERIFICATION_TTL_MS, created_at: now }
  ctx.store.data.oauthAuthorizations[state] = record
  const url = new URL(oauthAuthorizeUrl(ctx, start.provider.slice('oauth_'.length)))
  url.search = new URLSearchParams({
    client_id: `emulator_${start.provider}`,
    redirect_uri: oauthCallbackUrl(ctx),
    response_type: 'code',
    scope: oauthProvider(start.provider)?.scopes ?? '',
    state,
  }).toString()
  return { url: url.href, expiresAt: record.expires_at }
}

/** The authorization a provider page may still act on: known, of this provider, not yet answered, not expired. */
export function pendingAuthorization(store: Store, provider: string, state: string): OAuthAuthorizationRecord | undefined {
  const record = findAuthorization(store, state)
  return record && record.provider === provider && record.code === null && !record.denied ? record : undefined
}

/** The person picked an account: the browser gets a one-time code for it. */
export function grantAuthorization(record: OAuthAuthorizationRecord, account: OAuthAccountRecord): string {
  record.account_id = account.id
  record.code = randomBase62(32)
  return record.code
}

export function denyAuthorization(record: OAuthAuthorizationRecord): void {
  record.denied = true
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** An unexpired authorization, whatever its step; the callback checks whose it is before redeeming it. */
export function findAuthorization(store: Store, state: string): OAuthAuthorizationRecord | undefined {
  const record = Object.hasOwn(store.data.oauthAuthorizations, state) ? store.data.oauthAuthorizations[state] : undefined
  return record && record.expires_at > Date.now() ? record : undefined
}

/**
 * Takes the authorization out of the store when the provider's answer is the one it gave: the code
 * of the account picked, or `access_denied` after a decline. False (and nothing changed) otherwise.
 */
export function redeemAuthorization(store: Store, state: string, answer: { code?: string, error?: string }): boolean {
  const record = findAuthorization(store, state)
  if (!record) return false
  const answered = record.denied
    ? answer.error === 'access_denied' && answer.code === undefined
    : record.code !== null && answer.code !== undefined && answer.error === undefined && sameSecret(answer.code, record.code)
  if (answered) delete store.data.oauthAuthorizations[state]
  return answered
}

/** Drops authorizations past their expiry, so abandoned trips do not pile up in the state file. */
export function pruneAuthorizations(store: Store, now = Date.now()): void {
  for (const [state, record] of Object.entries(store.data.oauthAuthorizations)) {
    if (record.expires_at <= now) delete store.data.oauthAuthorizations[state]
  }
}

/** The accounts a provider page offers, newest first. */
export function oauthAccountsOf(store: Store, provider: string): OAuthAccountRecord[] {
  return Object.values(store.data.oauthAccounts).filter(a => a.provider === provider).sort((a, b) => b.created_at - a.created_at)
}

/** An account the provider "has" from now on; an address it already has an account for gets that account back. */
export function createOAuthAccount(store: Store, provider: string, fields: { email: string, firstName: string, lastName: string }): OAuthAccountRecord {
  const existing = oauthAccountsOf(store, provider).find(a => a.email_address === fields.email)
  if (existing) return existing
  const record: OAuthAccountRecord = {
    id: store.newId('oaa'),
    provider,
    // Providers' own ids are opaque; Google's are 21 digits.
    subject: Array.from(randomBytes(21), byte => byte % 10).join(''),
    email_address: fields.email,
    first_name: fields.firstName,
    last_name: fields.lastName,
    username: provider === 'oauth_github' ? fields.email.split('@')[0]!.replace(/[^A-Za-z0-9-]/g, '-') : null,
    created_at: Date.now(),
  }
  store.data.oauthAccounts[record.id] = record
  return record
}
