import { optionalString } from '../http.ts'
import { hashPassword } from '../passwords.ts'
import type { ClientRecord, OAuthAccountRecord } from '../store.ts'
import { parsePhoneNumber } from '../phone-numbers.ts'
import { assertUsername } from '../usernames.ts'
import { buildUser, findUserByEmail, isPhoneNumberTaken, isUsernameTaken } from '../users.ts'
import { fapiErrors } from './errors.ts'
import { emailParam, localeParam, metadataParam, nameParam, passwordParam, strategyParam } from './params.ts'
import { ATTEMPT_TTL_MS, emailCodeVerification, pruneAbandonedAttempts, signUpRequirements, smsCodeVerification, type SignInAttempt, type SignUpAttempt, type VerificationState } from '../attempts.ts'
import { connectOAuthAccount } from '../external-accounts.ts'
import { applyOAuthAccount, oauthAccountOf, oauthStartParams, oauthVerification } from './oauth.ts'
import { checkEmailedCode } from './attempts.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { signUpJson, withClient } from './json.ts'
import { activeSessions, createSession, touchClient } from '../clients.ts'
import { startSessionTasks } from '../session-tasks.ts'

// Sign-up with the identifiers the instance turns on and a password (POST /v1/client/sign_ups,
// then PATCH it with missing fields). An email address is verified with an emailed code when the
// instance's "verify at sign-up" is on, a phone number always with an SMS code
// (prepare_verification + attempt_verification); the codes go to the outbox. `oauth_<provider>`
// sends the browser to the provider page instead, and /v1/oauth_callback finishes the sign-up.

interface SignUpFields {
  email?: string
  phoneNumber?: string
  username?: string
  password?: string
  firstName?: string | null
  lastName?: string | null
  unsafeMetadata?: Record<string, unknown>
  locale?: string
}

/** An identifier's field, refused when the instance does not offer that identifier. */
function identifierParam(req: FapiRequest, body: Record<string, unknown>, name: 'phone_number' | 'username'): string | undefined {
  const value = optionalString(body, name)?.trim()
  if (value === undefined || value === '') return undefined
  if (!req.ctx.config[name === 'phone_number' ? 'phoneNumber' : 'username'].enabled) throw fapiErrors.paramUnknown(name)
  if (name === 'phone_number') return parsePhoneNumber(value)
  assertUsername(value)
  return value
}

function readFields(req: FapiRequest, body: Record<string, unknown>): SignUpFields {
  return {
    email: emailParam(body),
    phoneNumber: identifierParam(req, body, 'phone_number'),
    username: identifierParam(req, body, 'username'),
    password: passwordParam(body, req.ctx.config.password),
    firstName: nameParam(body, 'first_name'),
    lastName: nameParam(body, 'last_name'),
    unsafeMetadata: metadataParam(body, 'unsafe_metadata'),
    locale: localeParam(body),
  }
}

/** Applies validated fields; hashing happens before, so this stays synchronous. */
function applyFields(attempt: SignUpAttempt, fields: SignUpFields, digest: string | null): void {
  if (fields.email !== undefined && fields.email !== attempt.email_address) {
    attempt.email_address = fields.email
    attempt.email_verification = null // a new address needs its own code
  }
  if (fields.phoneNumber !== undefined && fields.phoneNumber !== attempt.phone_number) {
    attempt.phone_number = fields.phoneNumber
    attempt.phone_verification = null
  }
  if (fields.username !== undefined) attempt.username = fields.username
  if (digest) attempt.password_digest = digest
  if (fields.firstName !== undefined) attempt.first_name = fields.firstName
  if (fields.lastName !== undefined) attempt.last_name = fields.lastName
  if (fields.unsafeMetadata !== undefined) attempt.unsafe_metadata = fields.unsafeMetadata
  if (fields.locale !== undefined) attempt.locale = fields.locale
  attempt.updated_at = Date.now()
}

/** Every identifier the sign-up names must be free, when given and again just before the user is made. */
function assertIdentifiersFree(req: FapiRequest, fields: { email?: string | null, phoneNumber?: string | null, username?: string | null }): void {
  if (fields.email && findUserByEmail(req.store, fields.email)) throw fapiErrors.identifierExists()
  if (fields.phoneNumber && isPhoneNumberTaken(req.store, fields.phoneNumber)) throw fapiErrors.identifierExists('phone_number')
  if (fields.username && isUsernameTaken(req.store, fields.username)) throw fapiErrors.identifierExists('username')
}

const attemptIdentifiers = (attempt: SignUpAttempt) => ({ email: attempt.email_address, phoneNumber: attempt.phone_number, username: attempt.username })

/** Creates the user and its session once nothing is missing; otherwise leaves the attempt open. */
export async function completeIfReady(req: FapiRequest, client: ClientRecord, attempt: SignUpAttempt): Promise<void> {
  const { missing, unverified } = signUpRequirements(req.ctx.config, attempt)
  if (missing.length > 0 || unverified.length > 0) return
  // A sign-up through a social provider needs no password (as in Clerk), but waits for the provider.
  const account = oauthAccountOf(req, attempt.external_verification, 'verified')
  if (!attempt.password_digest && !account) return
  // Verified even without a code (buildUser's default): sign-in only accepts verified identifiers, as in Clerk.
  const draft = await buildUser(req.store, { email: attempt.email_address ?? undefined, phoneNumber: attempt.phone_number ?? undefined, username: attempt.username ?? undefined })
  // Checked again after the await: a concurrent sign-up may have taken an identifier meanwhile.
  assertIdentifiersFree(req, attemptIdentifiers(attempt))
  draft.password_digest = attempt.password_digest
  draft.first_name = attempt.first_name
  draft.last_name = attempt.last_name
  draft.unsafe_metadata = attempt.unsafe_metadata
  draft.locale = attempt.locale
  if (account && draft.email_addresses[0]) {
    draft.email_addresses[0].verification_strategy = attempt.email_verification?.strategy
    connectOAuthAccount(req.store, draft, account)
  }
  req.store.data.users[draft.id] = draft
  const session = createSession(req.store, client, draft, req.sessionOrigin())
  startSessionTasks(req.ctx.config, req.store, session, draft)
  attempt.status = 'complete'
  attempt.created_user_id = draft.id
  attempt.created_session_id = session.id
  attempt.updated_at = Date.now()
  // createSession() detached the attempt from the client; keep it visible as the finished sign-up.
  client.sign_up_id = attempt.id
  req.ctx.log(`sign-up complete: ${draft.id} <${attempt.email_address ?? attempt.phone_number ?? attempt.username}>`)
}

/** `transfer: true`: the provider account a sign-in found no user for becomes this sign-up's. */
function transferFromSignIn(req: FapiRequest, client: ClientRecord): OAuthAccountRecord {
  const signIn = client.sign_in_id ? req.store.data.signIns[client.sign_in_id] as SignInAttempt | undefined : undefined
  const account = oauthAccountOf(req, signIn?.first_factor_verification, 'transferable')
  if (!account) throw fapiErrors.accountTransferInvalid()
  return account
}

function ownAttempt(req: FapiRequest, client: ClientRecord): SignUpAttempt {
  const attempt = req.store.data.signUps[req.params.id ?? ''] as SignUpAttempt | undefined
  if (!attempt || attempt.client_id !== client.id) throw fapiErrors.notFound('sign up')
  return attempt
}

function assertOpen(attempt: SignUpAttempt): void {
  if (attempt.status !== 'missing_requirements' || attempt.abandon_at <= Date.now()) throw fapiErrors.attemptNotActive('sign_up')
}

/** The caller's attempt named in the path, refused unless it is still open. */
function openAttempt(req: FapiRequest, client: ClientRecord): SignUpAttempt {
  const attempt = ownAttempt(req, client)
  assertOpen(attempt)
  return attempt
}

/** The identifier a verification strategy checks, refused unless the attempt has one to check. */
function verifiedField(attempt: SignUpAttempt, strategy: string | undefined): 'email' | 'phone' {
  if (strategy === 'email_code' && attempt.email_address && attempt.email_code_required) return 'email'
  if (strategy === 'phone_code' && attempt.phone_number) return 'phone'
  throw fapiErrors.paramInvalid('strategy', 'strategy must be email_code for the email address or phone_code for the phone number of this sign-up.')
}

/** Without a strategy, attempt_verification checks the code that is waiting: the email's first. */
function pendingStrategy(attempt: SignUpAttempt): string {
  return attempt.email_verification && attempt.email_verification.status !== 'verified' ? 'email_code' : attempt.phone_verification ? 'phone_code' : 'email_code'
}

function verificationOf(attempt: SignUpAttempt, field: 'email' | 'phone'): VerificationState | null {
  return (field === 'email' ? attempt.email_verification : attempt.phone_verification) ?? null
}

async function respond(req: FapiRequest, client: ClientRecord, attempt: SignUpAttempt) {
  touchClient(client)
  return withClient(req.ctx, client, req.origin, signUpJson(req.ctx.config, attempt))
}

export const signUpRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/client/sign_ups', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    if (activeSessions(req.store, client).length > 0) throw fapiErrors.sessionExists()
    const fields = readFields(req, body)
    assertIdentifiersFree(req, fields)
    const strategy = strategyParam(body)
    const start = strategy?.startsWith('oauth_') ? oauthStartParams(req, body, strategy) : null
    const transferred = body.transfer === 'true' || body.transfer === true ? transferFromSignIn(req, client) : null
    const digest = fields.password ? await hashPassword(fields.password) : null
    const now = Date.now()
    const attempt: SignUpAttempt = {
      id: req.store.newId('sua'),
      client_id: client.id,
      status: 'missing_requirements',
      email_address: null,
      password_digest: null,
      first_name: null,
      last_name: null,
      unsafe_metadata: {},
      locale: null,
      email_code_required: req.ctx.config.emailAddress.verifyAtSignUp,
      email_verification: null,
      created_user_id: null,
      created_session_id: null,
      abandon_at: now + ATTEMPT_TTL_MS,
      created_at: now,
      updated_at: now,
    }
    applyFields(attempt, fields, digest)
    if (start) attempt.external_verification = oauthVerification(req, client, start, { flow: 'sign_up', target_id: attempt.id, user_id: null })
    if (transferred) applyOAuthAccount(attempt, transferred)
    assertIdentifiersFree(req, attemptIdentifiers(attempt))
    pruneAbandonedAttempts(req.store, now)
    req.store.data.signUps[attempt.id] = attempt
    client.sign_up_id = attempt.id
    await completeIfReady(req, client, attempt)
    return respond(req, client, attempt)
  } },

  { method: 'GET', path: '/v1/client/sign_ups/:id', handler: async (req) => {
    const client = req.client()
    return respond(req, client, ownAttempt(req, client))
  } },
  { method: 'PATCH', path: '/v1/client/sign_ups/:id', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const attempt = openAttempt(req, client)
    const fields = readFields(req, body)
    assertIdentifiersFree(req, fields)
    const digest = fields.password ? await hashPassword(fields.password) : null
    assertOpen(attempt)
    applyFields(attempt, fields, digest)
    await completeIfReady(req, client, attempt)
    return respond(req, client, attempt)
  } },

  { method: 'POST', path: '/v1/client/sign_ups/:id/prepare_verification', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const attempt = openAttempt(req, client)
    if (verifiedField(attempt, strategyParam(body)) === 'email') {
      attempt.email_verification = emailCodeVerification(req.ctx, attempt.email_address!, 'verify_email', 'email_code', attempt.locale)
    }
    else {
      attempt.phone_verification = smsCodeVerification(req.ctx, attempt.phone_number!, 'phone_code')
    }
    attempt.updated_at = Date.now()
    return respond(req, client, attempt)
  } },

  { method: 'POST', path: '/v1/client/sign_ups/:id/attempt_verification', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const attempt = openAttempt(req, client)
    const field = verifiedField(attempt, strategyParam(body) ?? pendingStrategy(attempt))
    const code = optionalString(body, 'code')
    if (!code) throw fapiErrors.paramMissing('code')
    const verification = verificationOf(attempt, field)
    if (!verification?.code) throw fapiErrors.noPrepare()
    if (verification.status === 'verified') return respond(req, client, attempt)
    await checkEmailedCode(req.ctx.store, verification, code)
    await completeIfReady(req, client, attempt)
    return respond(req, client, attempt)
  } },
]
