import { endSession, newSessionRecord, refreshSessionStatus } from './sessions.ts'
import type { ClientRecord, SessionRecord, Store, UserRecord } from './store.ts'

// A browser's client (Clerk's Client) and the sessions on it: creation, sign-in, sign-out. All synchronous: a handler
// calls these after its last await, so no other request can interleave between a check and the write.

export function createClient(store: Store): ClientRecord {
  const now = Date.now()
  const client: ClientRecord = {
    id: store.newId('client'),
    session_ids: [],
    sign_in_id: null,
    sign_up_id: null,
    last_active_session_id: null,
    created_at: now,
    updated_at: now,
  }
  store.data.clients[client.id] = client
  return client
}

export function touchClient(client: ClientRecord): void {
  client.updated_at = Math.max(Date.now(), client.updated_at + 1)
}

/** Sessions that count as signed in for this client, oldest first; unknown or foreign ids are skipped. */
export function activeSessions(store: Store, client: ClientRecord): SessionRecord[] {
  const out: SessionRecord[] = []
  for (const id of client.session_ids) {
    const session = store.data.sessions[id]
    if (!session || session.client_id !== client.id) continue
    if (!store.data.users[session.user_id]) continue // user deleted through the Backend API
    if (refreshSessionStatus(session).status === 'active') out.push(session)
  }
  return out
}

/** Where a sign-in came from, shown in <UserProfile/>'s "Active devices". */
export interface SessionOrigin {
  userAgent: string | null
  ipAddress: string | null
}

export function createSession(store: Store, client: ClientRecord, user: UserRecord, from: SessionOrigin = { userAgent: null, ipAddress: null }): SessionRecord {
  const now = Date.now()
  const session: SessionRecord = {
    ...newSessionRecord(store, client.id, user.id, now),
    user_agent: from.userAgent,
    ip_address: from.ipAddress,
  }
  store.data.sessions[session.id] = session
  // Single-session instance (Clerk's default): a new sign-in replaces the previous session.
  for (const existing of activeSessions(store, client)) endSession(existing, 'removed')
  client.session_ids = [...client.session_ids.filter(id => store.data.sessions[id]?.status === 'active'), session.id]
  client.last_active_session_id = session.id
  client.sign_in_id = null
  client.sign_up_id = null
  touchClient(client)
  user.last_sign_in_at = now
  user.last_active_at = now
  return session
}

/** Ends every session of the client (sign-out); the client itself survives, as in Clerk. */
export function signOutClient(store: Store, client: ClientRecord, status: 'ended' | 'removed'): void {
  for (const session of activeSessions(store, client)) endSession(session, status)
  client.session_ids = []
  client.last_active_session_id = null
  client.sign_in_id = null
  client.sign_up_id = null
  touchClient(client)
}

/** After a session ends, the client's "last active" falls back to its newest remaining session. */
export function pickLastActive(store: Store, client: ClientRecord): void {
  const remaining = activeSessions(store, client)
  client.session_ids = remaining.map(s => s.id)
  if (!remaining.some(s => s.id === client.last_active_session_id)) {
    client.last_active_session_id = remaining.at(-1)?.id ?? null
  }
  touchClient(client)
}
