import { sendRedirect } from 'h3'
import type { SignInAttempt, SignUpAttempt } from '../attempts.ts'
import { connectedUser, connectOAuthAccount, externalAccountsOf, findUserForOAuthAccount } from '../external-accounts.ts'
import { findAuthorization, redeemAuthorization } from '../oauth-authorizations.ts'
import type { ClientRecord, OAuthAccountRecord, OAuthAuthorizationRecord } from '../store.ts'
import { oauthCallbackUrl } from '../urls.ts'
import { isEmailTaken } from '../users.ts'
import { clientIdFromCookie, setClientCookies } from './cookies.ts'
import { fapiErrors } from './errors.ts'
import { applyOAuthAccount, failedOAuth, oauthErrors, transferableOAuth, verificationError } from './oauth.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { completeWithOAuth } from './sign-ins.ts'
import { completeIfReady } from './sign-ups.ts'

// GET /v1/oauth_callback, where the provider page sends the browser back, as Clerk's: the state must
// name an authorization that is answered, unexpired and (in production) this browser's `__client`'s,
// and the code must be the one the provider gave; then the attempt is finished as Clerk finishes it
// and the browser goes on: to `action_complete_redirect_url` when a sign-in or sign-up completed,
// else to `redirect_url` (the sso-callback route) to transfer or continue. Anything else is a 403
// `authorization_invalid`, and nothing changes. A POST (some providers post) is a 303 to the GET.

const ANSWER_PARAMS = ['code', 'state', 'error', 'scope'] as const

type Finish = (req: FapiRequest, client: ClientRecord, record: OAuthAuthorizationRecord, account: OAuthAccountRecord | undefined) => Promise<string> | string

/** Where the browser goes; a finished sign-in or sign-up hands a development app its dev browser, for the handshake. */
function next(req: FapiRequest, client: ClientRecord, record: OAuthAuthorizationRecord, completed: boolean): string {
  if (!completed || !record.action_complete_redirect_url) return record.redirect_url
  const url = new URL(record.action_complete_redirect_url)
  const devBrowser = req.ctx.production ? undefined : Object.values(req.store.data.devBrowsers).find(d => d.client_id === client.id)
  if (devBrowser && !url.searchParams.has('__clerk_db_jwt')) url.searchParams.set('__clerk_db_jwt', devBrowser.token)
  return url.href
}

function waitingSignIn(req: FapiRequest, client: ClientRecord, record: OAuthAuthorizationRecord): SignInAttempt | undefined {
  const attempt = req.store.data.signIns[record.target_id] as SignInAttempt | undefined
  const open = attempt && attempt.client_id === client.id && attempt.abandon_at > Date.now() && attempt.status === 'needs_identifier'
  return open && attempt.first_factor_verification?.status === 'unverified' && attempt.first_factor_verification.strategy === record.provider ? attempt : undefined
}

function waitingSignUp(req: FapiRequest, client: ClientRecord, record: OAuthAuthorizationRecord): SignUpAttempt | undefined {
  const attempt = req.store.data.signUps[record.target_id] as SignUpAttempt | undefined
  const open = attempt && attempt.client_id === client.id && attempt.abandon_at > Date.now() && attempt.status === 'missing_requirements'
  return open && attempt.external_verification?.status === 'unverified' && attempt.external_verification.strategy === record.provider ? attempt : undefined
}

function waitingConnection(req: FapiRequest, record: OAuthAuthorizationRecord) {
  const user = record.user_id ? req.store.data.users[record.user_id] : undefined
  const account = user ? externalAccountsOf(user).find(e => e.id === record.target_id && e.status === 'unverified') : undefined
  return user && account ? { user, account } : undefined
}

const finishSignIn: Finish = (req, client, record, account) => {
  const attempt = waitingSignIn(req, client, record)!
  client.sign_in_id = attempt.id
  attempt.updated_at = Date.now()
  if (!account) {
    attempt.first_factor_verification = failedOAuth(record.provider, oauthErrors.accessDenied)
    return record.redirect_url
  }
  const user = findUserForOAuthAccount(req.store, account)
  if (!user) {
    // No account yet: the sso-callback route turns this into a sign-up (`transfer: true`).
    attempt.first_factor_verification = transferableOAuth(account, oauthErrors.accountNotFound)
    return record.redirect_url
  }
  if (user.banned) {
    // <SignIn/> shows this error when the sso-callback route sends the browser back to it.
    attempt.first_factor_verification = failedOAuth(record.provider, verificationError(fapiErrors.userBanned()))
    return record.redirect_url
  }
  completeWithOAuth(req, client, attempt, user, account)
  // A user with a second factor goes back to the sso-callback route, which asks for it.
  return next(req, client, record, attempt.status === 'complete')
}

const finishSignUp: Finish = async (req, client, record, account) => {
  const attempt = waitingSignUp(req, client, record)!
  client.sign_up_id = attempt.id
  attempt.updated_at = Date.now()
  if (!account) {
    attempt.external_verification = failedOAuth(record.provider, oauthErrors.accessDenied)
    return record.redirect_url
  }
  if (findUserForOAuthAccount(req.store, account)) {
    // The account exists: the sso-callback route signs it in instead (`transfer: true`).
    attempt.external_verification = transferableOAuth(account, oauthErrors.accountExists)
    return record.redirect_url
  }
  applyOAuthAccount(attempt, account)
  await completeIfReady(req, client, attempt)
  return next(req, client, record, attempt.status === 'complete')
}

const finishConnection: Finish = (req, _client, record, account) => {
  const { user, account: pending } = waitingConnection(req, record)!
  const owner = account ? connectedUser(req.store, account) : undefined
  if (!account) pending.error = oauthErrors.accessDenied
  else if (owner?.id === user.id) user.external_accounts = externalAccountsOf(user).filter(e => e.id !== pending.id)
  else if (owner || isEmailTaken(req.store, account.email_address, user.id)) pending.error = oauthErrors.accountExists
  else connectOAuthAccount(req.store, user, account, pending)
  pending.updated_at = Date.now()
  user.updated_at = pending.updated_at
  return record.redirect_url
}

const FINISH: Record<OAuthAuthorizationRecord['flow'], Finish> = { sign_in: finishSignIn, sign_up: finishSignUp, connect: finishConnection }

async function callback(req: FapiRequest) {
  const state = req.query.get('state') ?? ''
  const answer = { code: req.query.get('code') ?? undefined, error: req.query.get('error') ?? undefined }
  const record = findAuthorization(req.store, state)
  const client = record ? req.store.data.clients[record.client_id] : undefined
  // Production Clerk knows the browser by its __client cookie: a state from another browser is refused.
  const ownBrowser = !req.ctx.production || (client && clientIdFromCookie(req.ctx, req.event) === client.id)
  const waiting = record && client && ownBrowser && (record.flow === 'sign_in'
    ? waitingSignIn(req, client, record)
    : record.flow === 'sign_up' ? waitingSignUp(req, client, record) : waitingConnection(req, record))
  if (!record || !client || !waiting || !redeemAuthorization(req.store, state, answer)) throw fapiErrors.authorizationInvalid()
  const account = record.account_id ? req.store.data.oauthAccounts[record.account_id] : undefined
  const to = await FINISH[record.flow](req, client, record, record.denied ? undefined : account)
  req.ctx.log(`oauth callback: ${record.provider} ${record.flow} ${record.target_id} -> ${new URL(to).pathname}`)
  if (req.ctx.production) setClientCookies(req.ctx, req.event, client)
  return sendRedirect(req.event, to, 303)
}

export const oauthCallbackRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/oauth_callback', handler: callback },
  { method: 'POST', path: '/v1/oauth_callback', handler: async (req) => {
    const body = await req.body()
    const url = new URL(oauthCallbackUrl(req.ctx))
    for (const name of ANSWER_PARAMS) {
      if (typeof body[name] === 'string') url.searchParams.set(name, body[name])
    }
    return sendRedirect(req.event, url.href, 303)
  } },
]
