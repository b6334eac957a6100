import { optionalString } from '../http.ts'
import { locateAddress } from '../locations.ts'
import { hashPassword, verifyPassword } from '../passwords.ts'
import { endSession, refreshSessionStatus } from '../sessions.ts'
import type { ClientRecord, SessionRecord, UserRecord } from '../store.ts'
import { phoneNumbersOf } from '../phone-numbers.ts'
import { assertUsername } from '../usernames.ts'
import { isUsernameTaken, removeUser } from '../users.ts'
import { deepMerge, METADATA_MAX_BYTES, metadataBytes } from '../bapi/metadata.ts'
import { fapiErrors } from './errors.ts'
import { metadataParam, nameParam, passwordParam } from './params.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { sessionJson, sessionTimesJson, userJson, withClient } from './json.ts'
import { pickLastActive, touchClient } from '../clients.ts'
import { completeTask, hasTask } from '../session-tasks.ts'

// The signed-in user (`/v1/me`), as <UserButton/> and the basics of <UserProfile/> use it: read,
// rename, unsafe metadata, primary email, password change, and the list of active sessions.

export interface Me {
  client: ClientRecord
  session: SessionRecord
  user: UserRecord
}

/** The user of `_clerk_session_id` (clerk-js sends it), or of the client's last active session. */
export function me(req: FapiRequest): Me {
  const client = req.client()
  const sid = req.sessionIdParam() || client.last_active_session_id
  const session = sid ? req.store.data.sessions[sid] : undefined
  if (!session || session.client_id !== client.id || refreshSessionStatus(session).status !== 'active') throw fapiErrors.signedOut()
  const user = req.store.data.users[session.user_id]
  if (!user) throw fapiErrors.signedOut()
  return { client, session, user }
}

/** <UserProfile/>'s "Set username": checked as Clerk checks it; empty clears it unless the instance requires one. */
function usernameParam(req: FapiRequest, body: Record<string, unknown>, user: UserRecord): string | null | undefined {
  if (!('username' in body)) return undefined
  const value = typeof body.username === 'string' ? body.username.trim() : body.username
  if (value === null || value === '') {
    if (req.ctx.config.username.required) throw fapiErrors.paramMissing('username')
    return null
  }
  if (typeof value !== 'string') throw fapiErrors.paramInvalid('username', 'username must be a string.')
  if (!req.ctx.config.username.enabled) throw fapiErrors.paramUnknown('username')
  assertUsername(value)
  if (isUsernameTaken(req.store, value, user.id)) throw fapiErrors.identifierExists('username')
  return value
}

async function respond(req: FapiRequest, { client, user }: Me) {
  touchClient(client)
  return withClient(req.ctx, client, req.origin, userJson(req.ctx, user))
}

/** A rough reading of the User-Agent, enough for the device list (Clerk uses a full parser). */
export function describeBrowser(userAgent: string | null | undefined): { browser_name: string | null, browser_version: string | null, device_type: string | null, is_mobile: boolean } {
  const ua = userAgent ?? ''
  const match = /(Edg|Firefox|Chrome|Chromium|Version)\/([\d.]+)/.exec(ua)
  const names: Record<string, string> = { Edg: 'Edge', Firefox: 'Firefox', Chrome: 'Chrome', Chromium: 'Chromium', Version: 'Safari' }
  const isMobile = /Mobi|Android|iPhone/.test(ua)
  return {
    browser_name: match ? names[match[1]!]! : null,
    browser_version: match ? match[2]! : null,
    device_type: ua ? (isMobile ? 'Mobile' : /Macintosh/.test(ua) ? 'Macintosh' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : null) : null,
    is_mobile: isMobile,
  }
}

function activityJson(session: SessionRecord): Record<string, unknown> {
  return {
    ...sessionTimesJson(session),
    // Unknown details are left out, not null: the schema types them as plain strings.
    latest_activity: Object.fromEntries(Object.entries({
      object: 'session_activity',
      id: `sess_activity_${session.id.slice(5)}`,
      ...describeBrowser(session.user_agent),
      ip_address: session.ip_address ?? null,
      ...locateAddress(session.ip_address),
    }).filter(([, value]) => value !== null)),
    actor: null,
  }
}

function userSessions(req: FapiRequest, user: UserRecord): SessionRecord[] {
  return Object.values(req.store.data.sessions)
    .filter(s => s.user_id === user.id && refreshSessionStatus(s).status === 'active')
    .sort((a, b) => b.last_active_at - a.last_active_at)
}

export const meRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/me', handler: req => respond(req, me(req)) },
  // <UserProfile/>'s "Delete account", offered when the environment's delete_self is on (--allow-delete).
  { method: 'DELETE', path: '/v1/me', handler: async (req) => {
    const { client, user } = me(req)
    if (!req.ctx.config.deleteSelf) throw fapiErrors.deleteSelfDisabled()
    await removeUser(req.ctx, user)
    pickLastActive(req.store, client)
    return withClient(req.ctx, client, req.origin, { object: 'user', id: user.id, deleted: true })
  } },
  { method: 'PATCH', path: '/v1/me', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const firstName = nameParam(body, 'first_name')
    const lastName = nameParam(body, 'last_name')
    const unsafe = metadataParam(body, 'unsafe_metadata')
    const primaryId = optionalString(body, 'primary_email_address_id')
    if (primaryId && !current.user.email_addresses.some(e => e.id === primaryId && e.verified)) {
      throw fapiErrors.paramInvalid('primary_email_address_id', 'primary_email_address_id must be a verified email address of this user.')
    }
    const primaryPhoneId = optionalString(body, 'primary_phone_number_id')
    if (primaryPhoneId && !phoneNumbersOf(current.user).some(p => p.id === primaryPhoneId && p.verified)) {
      throw fapiErrors.paramInvalid('primary_phone_number_id', 'primary_phone_number_id must be a verified phone number of this user.')
    }
    const username = usernameParam(req, body, current.user)
    const { user } = current
    if (firstName !== undefined) user.first_name = firstName
    if (lastName !== undefined) user.last_name = lastName
    if (unsafe !== undefined) user.unsafe_metadata = unsafe
    if (primaryId) user.primary_email_address_id = primaryId
    if (primaryPhoneId) user.primary_phone_number_id = primaryPhoneId
    if (username !== undefined) user.username = username
    user.updated_at = Date.now()
    return respond(req, current)
  } },

  // user.updateMetadata(), and user.update({ unsafeMetadata }) as a computed merge patch (RFC 7396):
  // nested objects merge, a null deletes at any depth, as the Backend API's metadata PATCH.
  { method: 'PATCH', path: '/v1/me/metadata', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const merged = deepMerge(current.user.unsafe_metadata, metadataParam(body, 'unsafe_metadata') ?? {})
    if (metadataBytes(merged) > METADATA_MAX_BYTES) throw fapiErrors.paramInvalid('unsafe_metadata', 'unsafe_metadata must be at most 8KB.')
    current.user.unsafe_metadata = merged
    current.user.updated_at = Date.now()
    return respond(req, current)
  } },

  { method: 'POST', path: '/v1/me/change_password', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const next = passwordParam(body, req.ctx.config.password, 'new_password')
    if (!next) throw fapiErrors.paramMissing('new_password')
    const digest = current.user.password_digest
    // The reset-password task is the proof: a compromised password is not asked for again.
    const resetting = hasTask(current.session, 'reset-password')
    if (digest && !resetting) {
      const given = optionalString(body, 'current_password')
      if (!given) throw fapiErrors.paramMissing('current_password')
      if (!(await verifyPassword(given, digest))) throw fapiErrors.currentPasswordIncorrect()
      if (await verifyPassword(next, digest)) throw fapiErrors.newPasswordMatchesCurrent()
    }
    const newDigest = await hashPassword(next)
    const { user, session } = me(req) // re-read: the session may have ended during hashing
    user.password_digest = newDigest
    user.password_compromised = false
    user.updated_at = Date.now()
    completeTask(session, 'reset-password')
    if (body.sign_out_of_other_sessions === 'true' || body.sign_out_of_other_sessions === true) {
      for (const other of userSessions(req, user)) if (other.id !== session.id) endSession(other, 'revoked')
    }
    return respond(req, current)
  } },

  // A bare array, not the usual envelope (SessionWithActivities.retrieve reads the payload as-is).
  { method: 'GET', path: '/v1/me/sessions/active', handler: (req) => {
    const { user } = me(req)
    return userSessions(req, user).map(activityJson)
  } },

  // Full session objects for every device of the user, without their tokens.
  { method: 'GET', path: '/v1/me/sessions', handler: (req) => {
    const { user } = me(req)
    return Promise.all(userSessions(req, user).map(s => sessionJson(req.ctx, s, req.origin, false)))
  } },

  { method: 'POST', path: '/v1/me/sessions/:id/revoke', handler: async (req) => {
    const current = me(req)
    const target = req.store.data.sessions[req.params.id ?? '']
    if (!target || target.user_id !== current.user.id) throw fapiErrors.notFound('session')
    endSession(target, 'revoked')
    touchClient(current.client)
    return withClient(req.ctx, current.client, req.origin, await sessionJson(req.ctx, target, req.origin))
  } },
]
