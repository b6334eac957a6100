import type { SignUpAttempt, VerificationState } from '../attempts.ts'
import { optionalString, type ClerkHttpError } from '../http.ts'
import { startAuthorization, type AuthorizationStart } from '../oauth-authorizations.ts'
import type { ClientRecord, OAuthAccountRecord } from '../store.ts'
import { isOriginAllowed } from './cors.ts'
import { fapiErrors } from './errors.ts'
import type { FapiRequest } from './request.ts'

// What sign-in, sign-up and <UserProfile/>'s "Connect account" share when a social provider is
// involved: the checked start of a trip to the provider page, the verifications Clerk reports
// before and after it, and the errors a provider's answer can end in.

export interface OAuthStart {
  strategy: string
  redirectUrl: string
  actionCompleteRedirectUrl: string | null
}

/** Clerk's errors on a verification the provider answered (shown by <SignIn/> and <UserProfile/>). */
export const oauthErrors = {
  accountNotFound: { code: 'external_account_not_found', message: 'Invalid external account', long_message: 'The External Account was not found.' },
  accountExists: { code: 'external_account_exists', message: 'already exists', long_message: 'This external account already exists.' },
  accessDenied: { code: 'oauth_access_denied', message: 'Access denied', long_message: 'You did not grant access to your account.' },
}

/** A refusal the Frontend API would answer with, carried on a verification instead (Clerk's error object). */
export function verificationError(error: ClerkHttpError): NonNullable<VerificationState['error']> {
  const { code, message, long_message } = error.errors[0]!
  return { code, message, long_message: long_message ?? message }
}

/**
 * A URL on an origin this instance serves (the provider sends the browser there, so no open
 * redirect); absolute, or relative to `base` when there is one.
 */
function redirectParam(req: FapiRequest, body: Record<string, unknown>, name: string, base?: string): string | null {
  const raw = optionalString(body, name)
  if (!raw) return null
  let url: URL
  try { url = new URL(raw, base) }
  catch { throw fapiErrors.paramInvalid(name, `${name} must be an absolute URL.`) }
  if (!isOriginAllowed(req.ctx, url.origin)) throw fapiErrors.paramInvalid(name, `${name} must point to an allowed origin; ${url.origin} is not one.`)
  return url.href
}

/** The checked parameters of an `oauth_<provider>` start, read before anything is created. */
export function oauthStartParams(req: FapiRequest, body: Record<string, unknown>, strategy: string): OAuthStart {
  if (!req.ctx.config.socialConnections.includes(strategy)) throw fapiErrors.paramInvalid('strategy', `${strategy} is not a social connection of this instance.`)
  const redirectUrl = redirectParam(req, body, 'redirect_url')
  if (!redirectUrl) throw fapiErrors.paramMissing('redirect_url')
  return { strategy, redirectUrl, actionCompleteRedirectUrl: redirectParam(req, body, 'action_complete_redirect_url', redirectUrl) }
}

/** What an authorization records about where the trip started and where it returns. */
export function oauthTrip(client: ClientRecord, start: OAuthStart): Omit<AuthorizationStart, 'flow' | 'target_id' | 'user_id'> {
  return { provider: start.strategy, client_id: client.id, redirect_url: start.redirectUrl, action_complete_redirect_url: start.actionCompleteRedirectUrl }
}

/** The unverified verification whose `external_verification_redirect_url` sends the browser to the provider page. */
export function oauthVerification(req: FapiRequest, client: ClientRecord, start: OAuthStart, target: Pick<AuthorizationStart, 'flow' | 'target_id' | 'user_id'>): VerificationState {
  const { url, expiresAt } = startAuthorization(req.ctx, { ...oauthTrip(client, start), ...target })
  return { status: 'unverified', strategy: start.strategy, attempts: null, expire_at: expiresAt, external_verification_redirect_url: url, error: null }
}

/** The provider vouched for `account`. */
export function verifiedOAuth(account: OAuthAccountRecord): VerificationState {
  return { status: 'verified', strategy: account.provider, attempts: null, expire_at: Date.now(), error: null, oauth_account_id: account.id }
}

/** The provider vouched for `account`, but the other flow (sign-in ↔ sign-up) must finish: `transfer: true`. */
export function transferableOAuth(account: OAuthAccountRecord, error: VerificationState['error']): VerificationState {
  return { status: 'transferable', strategy: account.provider, attempts: null, expire_at: Date.now(), error, oauth_account_id: account.id }
}

/** An answer that ends the verification: declined at the provider, or an account that may not sign in. */
export function failedOAuth(strategy: string, error: VerificationState['error']): VerificationState {
  return { status: 'failed', strategy, attempts: null, expire_at: Date.now(), error }
}

/** The provider account a verification in this status carries (`transferable`: one to take over), if it is still there. */
export function oauthAccountOf(req: FapiRequest, verification: VerificationState | null | undefined, status: 'verified' | 'transferable'): OAuthAccountRecord | undefined {
  const id = verification?.status === status ? verification.oauth_account_id : undefined
  return id && Object.hasOwn(req.store.data.oauthAccounts, id) ? req.store.data.oauthAccounts[id] : undefined
}

/** A sign-up takes the provider's account: its address (verified by the provider) and names. */
export function applyOAuthAccount(attempt: SignUpAttempt, account: OAuthAccountRecord): void {
  attempt.email_address = account.email_address
  attempt.email_verification = { status: 'verified', strategy: `from_${account.provider}`, attempts: null, expire_at: null }
  attempt.external_verification = verifiedOAuth(account)
  attempt.first_name ??= account.first_name || null
  attempt.last_name ??= account.last_name || null
  attempt.updated_at = Date.now()
}
