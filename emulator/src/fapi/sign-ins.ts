import { optionalString } from '../http.ts'
import { hashPassword, verifyPassword } from '../passwords.ts'
import { signInSecondFactors } from '../mfa.ts'
import type { ClientRecord, OAuthAccountRecord, SessionRecord, UserRecord } from '../store.ts'
import { normalizePhoneNumber, phoneNumbersOf } from '../phone-numbers.ts'
import { findUserByIdentifier } from '../users.ts'
import { fapiErrors } from './errors.ts'
import { passwordParam, strategyParam } from './params.ts'
import { ATTEMPT_TTL_MS, emailCodeVerification, smsCodeVerification, pruneAbandonedAttempts, type SignInAttempt, type SignUpAttempt } from '../attempts.ts'
import { connectedUser, connectOAuthAccount, findUserForOAuthAccount } from '../external-accounts.ts'
import { oauthAccountOf, oauthStartParams, oauthVerification, verifiedOAuth } from './oauth.ts'
import { checkEmailedCode } from './attempts.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { signInJson, withClient } from './json.ts'
import { activeSessions, createSession, touchClient } from '../clients.ts'
import { endSession } from '../sessions.ts'
import { assertPasswordNotCompromised, startSessionTasks } from '../session-tasks.ts'

const RESET = 'reset_password_email_code'

// Sign-in: POST /v1/client/sign_ins with an identifier (and, from the UI's instant-password form,
// the password too), then attempt_first_factor with the password or an emailed code. `ticket`
// redeems a sign-in token minted by the Backend API (what @clerk/testing's signIn() uses).
// `oauth_<provider>` sends the browser to the provider page (oauth/); /v1/oauth_callback finishes it.

export function ownAttempt(req: FapiRequest, client: ClientRecord): SignInAttempt {
  const attempt = req.store.data.signIns[req.params.id ?? ''] as SignInAttempt | undefined
  if (!attempt || attempt.client_id !== client.id) throw fapiErrors.notFound('sign in')
  return attempt
}

function assertOpen(attempt: SignInAttempt): void {
  if (attempt.status === 'complete' || attempt.status === 'abandoned' || attempt.status === 'needs_new_password' || attempt.abandon_at <= Date.now()) {
    throw fapiErrors.attemptNotActive('sign_in')
  }
}

/** The caller's still-open attempt named in the path, and the user it identified (a factor needs one). */
function openAttemptWithUser(req: FapiRequest, client: ClientRecord): { attempt: SignInAttempt, user: UserRecord } {
  const attempt = ownAttempt(req, client)
  assertOpen(attempt)
  const user = attempt.user_id ? req.store.data.users[attempt.user_id] : undefined
  if (!user) throw fapiErrors.paramMissing('identifier')
  return { attempt, user }
}

export function assertMaySignIn(user: UserRecord): void {
  if (user.banned) throw fapiErrors.userBanned()
}

export function complete(req: FapiRequest, client: ClientRecord, attempt: SignInAttempt, user: UserRecord): SessionRecord {
  const session = createSession(req.store, client, user, req.sessionOrigin())
  startSessionTasks(req.ctx.config, req.store, session, user)
  attempt.status = 'complete'
  attempt.created_session_id = session.id
  attempt.updated_at = Date.now()
  req.ctx.log(`sign-in complete: ${user.id} session ${session.id}`)
  return session
}

/** A passed first factor completes the sign-in, or asks for a second one when the user has any (sign-in-second-factor.ts). */
function afterFirstFactor(req: FapiRequest, client: ClientRecord, attempt: SignInAttempt, user: UserRecord): void {
  if (signInSecondFactors(req.ctx.config, user).length === 0) {
    complete(req, client, attempt, user)
    return
  }
  attempt.status = 'needs_second_factor'
  attempt.second_factor_verification = null
  attempt.updated_at = Date.now()
}

function newAttempt(req: FapiRequest, client: ClientRecord, user: UserRecord | null, identifier: string | null): SignInAttempt {
  const now = Date.now()
  const attempt: SignInAttempt = {
    id: req.store.newId('sia'),
    client_id: client.id,
    status: user ? 'needs_first_factor' : 'needs_identifier',
    identifier,
    user_id: user?.id ?? null,
    first_factor_verification: null,
    created_session_id: null,
    abandon_at: now + ATTEMPT_TTL_MS,
    created_at: now,
    updated_at: now,
  }
  pruneAbandonedAttempts(req.store, now)
  req.store.data.signIns[attempt.id] = attempt
  client.sign_in_id = attempt.id
  return attempt
}

export async function respond(req: FapiRequest, client: ClientRecord, attempt: SignInAttempt) {
  touchClient(client)
  return withClient(req.ctx, client, req.origin, signInJson(req.ctx, attempt))
}

/** Redeems a Backend-API sign-in token once, if it is pending and unexpired. */
function redeemTicket(req: FapiRequest, ticket: string): UserRecord {
  const record = Object.values(req.store.data.signInTokens).find(t => t.token === ticket)
  const user = record ? req.store.data.users[record.user_id] : undefined
  if (!record || !user || record.status !== 'pending' || record.expires_at <= Date.now()) throw fapiErrors.ticketInvalid()
  assertMaySignIn(user) // before consuming the ticket
  record.status = 'accepted'
  record.updated_at = Date.now()
  return user
}

async function attemptPassword(req: FapiRequest, client: ClientRecord, attempt: SignInAttempt, user: UserRecord, password: string | undefined) {
  if (!password) throw fapiErrors.paramMissing('password')
  if (!user.password_digest) throw fapiErrors.strategyInvalid('password')
  const ok = await verifyPassword(password, user.password_digest)
  // The attempt may have finished (another tab) while scrypt ran.
  assertOpen(attempt)
  if (!ok) throw fapiErrors.passwordIncorrect()
  assertPasswordNotCompromised(user)
  attempt.first_factor_verification = { status: 'verified', strategy: 'password', attempts: null, expire_at: null }
  afterFirstFactor(req, client, attempt, user)
}

/** Signs the user in with a provider account (the callback, a transfer), connecting it first when it is new to them; a second factor may follow. */
export function completeWithOAuth(req: FapiRequest, client: ClientRecord, attempt: SignInAttempt, user: UserRecord, account: OAuthAccountRecord): void {
  if (!connectedUser(req.store, account)) connectOAuthAccount(req.store, user, account)
  attempt.user_id = user.id
  attempt.identifier = account.email_address
  attempt.first_factor_verification = verifiedOAuth(account)
  afterFirstFactor(req, client, attempt, user)
  // The sso-callback page reads the finished sign-in from the client.
  client.sign_in_id = attempt.id
}

/** `transfer: true`: the sign-up the provider answered for an account that already exists becomes its sign-in. */
function transferFromSignUp(req: FapiRequest, client: ClientRecord): SignInAttempt {
  const signUp = client.sign_up_id ? req.store.data.signUps[client.sign_up_id] as SignUpAttempt | undefined : undefined
  const account = oauthAccountOf(req, signUp?.external_verification, 'transferable')
  const user = account ? findUserForOAuthAccount(req.store, account) : undefined
  if (!account || !user) throw fapiErrors.accountTransferInvalid()
  assertMaySignIn(user)
  const attempt = newAttempt(req, client, user, account.email_address)
  completeWithOAuth(req, client, attempt, user, account)
  return attempt
}

export const signInRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/client/sign_ins', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    if (activeSessions(req.store, client).length > 0) throw fapiErrors.sessionExists()
    const strategy = strategyParam(body)

    if (strategy?.startsWith('oauth_')) {
      const start = oauthStartParams(req, body, strategy)
      const attempt = newAttempt(req, client, null, null)
      attempt.first_factor_verification = oauthVerification(req, client, start, { flow: 'sign_in', target_id: attempt.id, user_id: null })
      return respond(req, client, attempt)
    }
    if (body.transfer === 'true' || body.transfer === true) return respond(req, client, transferFromSignUp(req, client))

    if (strategy === 'ticket') {
      const ticket = optionalString(body, 'ticket')
      if (!ticket) throw fapiErrors.paramMissing('ticket')
      const user = redeemTicket(req, ticket)
      const attempt = newAttempt(req, client, user, user.email_addresses[0]?.email_address ?? null)
      attempt.first_factor_verification = { status: 'verified', strategy: 'ticket', attempts: null, expire_at: null }
      complete(req, client, attempt, user)
      return respond(req, client, attempt)
    }

    const identifier = optionalString(body, 'identifier')?.trim()
    if (!identifier) return respond(req, client, newAttempt(req, client, null, null))
    const user = findUserByIdentifier(req.store, identifier)
    if (!user) throw fapiErrors.identifierNotFound()
    assertMaySignIn(user)
    const password = optionalString(body, 'password')
    if (strategy !== undefined && strategy !== 'password') throw fapiErrors.strategyInvalid(strategy)
    if (strategy === 'password' || password !== undefined) {
      // Check first, create after: a wrong instant password must not leave a half-made attempt.
      if (!user.password_digest) throw fapiErrors.strategyInvalid('password')
      if (!password) throw fapiErrors.paramMissing('password')
      if (!(await verifyPassword(password, user.password_digest))) throw fapiErrors.passwordIncorrect()
      assertPasswordNotCompromised(user)
      const attempt = newAttempt(req, client, user, normalizePhoneNumber(identifier) ?? identifier.toLowerCase())
      attempt.first_factor_verification = { status: 'verified', strategy: 'password', attempts: null, expire_at: null }
      afterFirstFactor(req, client, attempt, user)
      return respond(req, client, attempt)
    }
    return respond(req, client, newAttempt(req, client, user, normalizePhoneNumber(identifier) ?? identifier.toLowerCase()))
  } },

  { method: 'GET', path: '/v1/client/sign_ins/:id', handler: async (req) => {
    const client = req.client()
    return respond(req, client, ownAttempt(req, client))
  } },

  { method: 'POST', path: '/v1/client/sign_ins/:id/prepare_first_factor', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const { attempt, user } = openAttemptWithUser(req, client)
    const strategy = strategyParam(body)
    if (strategy === 'password') return respond(req, client, attempt) // nothing to prepare
    if (strategy === 'phone_code') {
      const phone = phoneNumbersOf(user).find(p => p.verified && p.id === (optionalString(body, 'phone_number_id') ?? user.primary_phone_number_id))
      if (!phone) throw fapiErrors.paramInvalid('phone_number_id', 'phone_number_id does not belong to this account.')
      attempt.first_factor_verification = smsCodeVerification(req.ctx, phone.phone_number, strategy)
      attempt.updated_at = Date.now()
      return respond(req, client, attempt)
    }
    if (strategy !== 'email_code' && !(strategy === RESET && user.password_digest)) throw fapiErrors.strategyInvalid(strategy ?? 'none')
    const email = user.email_addresses.find(e => e.id === (optionalString(body, 'email_address_id') ?? user.primary_email_address_id))
    if (!email) throw fapiErrors.paramInvalid('email_address_id', 'email_address_id does not belong to this account.')
    attempt.first_factor_verification = emailCodeVerification(req.ctx, email.email_address, strategy === RESET ? 'reset_password' : 'sign_in_code', strategy, user.locale)
    attempt.updated_at = Date.now()
    return respond(req, client, attempt)
  } },

  { method: 'POST', path: '/v1/client/sign_ins/:id/attempt_first_factor', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const { attempt, user } = openAttemptWithUser(req, client)
    assertMaySignIn(user)
    const strategy = strategyParam(body)
    if (strategy === 'password') {
      await attemptPassword(req, client, attempt, user, optionalString(body, 'password'))
      return respond(req, client, attempt)
    }
    if (strategy !== 'email_code' && strategy !== 'phone_code' && strategy !== RESET) throw fapiErrors.strategyInvalid(strategy ?? 'none')
    if (attempt.status !== 'needs_first_factor') throw fapiErrors.attemptNotActive('sign_in')
    const code = optionalString(body, 'code')
    if (!code) throw fapiErrors.paramMissing('code')
    const verification = attempt.first_factor_verification
    if (!verification?.code || verification.strategy !== strategy) throw fapiErrors.noPrepare()
    await checkEmailedCode(req.store, verification, code)
    // A reset code proves the mailbox; the user still has to choose the new password.
    if (strategy === RESET) attempt.status = 'needs_new_password'
    else afterFirstFactor(req, client, attempt, user)
    return respond(req, client, attempt)
  } },

  { method: 'POST', path: '/v1/client/sign_ins/:id/reset_password', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const attempt = ownAttempt(req, client)
    if (attempt.status !== 'needs_new_password') throw fapiErrors.attemptNotActive('sign_in')
    const password = passwordParam(body, req.ctx.config.password)
    if (!password) throw fapiErrors.paramMissing('password')
    const digest = await hashPassword(password)
    const user = attempt.user_id ? req.store.data.users[attempt.user_id] : undefined
    if (!user || attempt.status !== 'needs_new_password') throw fapiErrors.attemptNotActive('sign_in')
    user.password_digest = digest
    user.password_compromised = false
    user.updated_at = Date.now()
    if (body.sign_out_of_other_sessions === 'true' || body.sign_out_of_other_sessions === true) {
      for (const session of Object.values(req.store.data.sessions)) {
        if (session.user_id === user.id) endSession(session, 'revoked')
      }
    }
    afterFirstFactor(req, client, attempt, user)
    return respond(req, client, attempt)
  } },
]
