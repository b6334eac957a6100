import type { SessionRecord, SessionStatus, Store } from './store.ts'

/** Clerk's defaults: a session lasts 7 days, and is abandoned after 30 without activity. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000
export const SESSION_ABANDON_MS = 30 * 24 * 60 * 60 * 1000

/** A fresh active session record; every creation path (sign-in, sign-up, Backend API) uses it. */
export function newSessionRecord(store: Store, clientId: string, userId: string, now = Date.now()): SessionRecord {
  return {
    id: store.newId('sess'),
    client_id: clientId,
    user_id: userId,
    status: 'active',
    created_at: now,
    updated_at: now,
    last_active_at: now,
    expire_at: now + SESSION_LIFETIME_MS,
    abandon_at: now + SESSION_ABANDON_MS,
    factor_verified_at: now,
  }
}

/** Clerk's `fva`: minutes since the session's first and second factor were verified; -1 for a factor it never passed. */
export function factorVerificationAge(session: SessionRecord, now = Date.now()): [number, number] {
  const minutes = (at: number) => Math.max(0, Math.floor((now - at) / 60_000))
  return [minutes(session.factor_verified_at), session.second_factor_verified_at ? minutes(session.second_factor_verified_at) : -1]
}

/** The one expiry rule both APIs apply: an `active` session past abandon_at is abandoned, past expire_at expired. */
export function sessionStatus(session: SessionRecord, now = Date.now()): SessionStatus {
  if (session.status !== 'active') return session.status
  if (now >= session.abandon_at) return 'abandoned'
  if (now >= session.expire_at) return 'expired'
  return 'active'
}

/** Writes the status sessionStatus() reports, so every later reader sees the same one. */
export function refreshSessionStatus(session: SessionRecord, now = Date.now()): SessionRecord {
  const status = sessionStatus(session, now)
  if (status !== session.status) {
    session.status = status
    session.updated_at = now
  }
  return session
}

/** Ends an active session; one already ended keeps its first ending. */
export function endSession(session: SessionRecord, status: 'ended' | 'removed' | 'revoked'): void {
  if (session.status !== 'active') return
  session.status = status
  session.updated_at = Date.now()
}

/** Ends every active session of a user (password reset with sign-out, user deletion). No commit. */
export function endUserSessions(store: Store, userId: string, status: SessionStatus): void {
  const now = Date.now()
  for (const session of Object.values(store.data.sessions)) {
    if (session.user_id === userId && session.status === 'active') endUserSession(store, session, status, now)
  }
}

/** Ends one session, and clears it as its client's last active one. */
export function endUserSession(store: Store, session: SessionRecord, status: SessionStatus, now: number): void {
  session.status = status
  session.updated_at = now
  const client = store.data.clients[session.client_id]
  if (client?.last_active_session_id === session.id) {
    client.last_active_session_id = null
    client.updated_at = now
  }
}
