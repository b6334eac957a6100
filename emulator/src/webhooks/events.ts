import type { EmailMessageRecord, SessionRecord, SessionStatus, StoreData, UserRecord } from '../store.ts'
import { OrganizationFeed, type OrganizationEventJson, type OrganizationEventType } from './organization-events.ts'

// Clerk's events, found by comparing the state at each commit with the state at the previous one,
// so every path that changes a user, a session or the outbox (either API, the console) emits them.

export type WebhookEventType = 'user.created' | 'user.updated' | 'user.deleted' | 'session.created' | 'session.ended'
  | 'session.removed' | 'session.revoked' | 'email.created' | OrganizationEventType

/** The Backend API's JSON for each object an event carries (index.ts passes bapi/json.ts's). */
export interface EventJson extends OrganizationEventJson {
  user: (user: UserRecord) => unknown
  session: (session: SessionRecord) => Record<string, unknown>
  deleted: (object: string, id: string) => unknown
}

export interface ChangeEvent {
  type: WebhookEventType
  data: unknown
}

const ENDINGS: Partial<Record<SessionStatus, WebhookEventType>> = { ended: 'session.ended', removed: 'session.removed', revoked: 'session.revoked' }

/** A user as compared between commits: activity timestamps (token refreshes, sign-ins) emit nothing, as at Clerk. */
function userFingerprint(user: UserRecord): string {
  const { last_active_at: _active, last_sign_in_at: _signIn, ...rest } = user
  return JSON.stringify(rest)
}

/** Clerk's Email object for a message the emulator "sent". */
export function emailJson(message: EmailMessageRecord, data: StoreData) {
  const owner = Object.values(data.users).find(u => u.email_addresses.some(e => e.email_address === message.to.toLowerCase()))
  return {
    object: 'email',
    id: message.id,
    slug: message.code ? 'verification_code' : null,
    from_email_name: 'notifications',
    to_email_address: message.to,
    email_address_id: owner?.email_addresses.find(e => e.email_address === message.to.toLowerCase())?.id ?? null,
    user_id: owner?.id ?? null,
    subject: message.subject,
    body: message.body,
    body_plain: message.body,
    status: 'delivered',
    data: message.code ? { otp_code: message.code } : null,
    delivered_by_clerk: true,
  }
}

export class ChangeFeed {
  readonly #json: EventJson
  #users = new Map<string, string>()
  #sessions = new Map<string, SessionStatus>()
  #emails = new Set<string>()
  readonly #organizations: OrganizationFeed

  constructor(json: EventJson) {
    this.#json = json
    this.#organizations = new OrganizationFeed(json)
  }

  /** Takes the current state as the baseline, emitting nothing (start, reset, import). */
  rebase(data: StoreData): void {
    this.#users = new Map(Object.values(data.users).map(u => [u.id, userFingerprint(u)]))
    this.#sessions = new Map(Object.values(data.sessions).map(s => [s.id, s.status]))
    this.#emails = new Set(Object.keys(data.emails))
    this.#organizations.rebase(data)
  }

  /** The events between the baseline and `data`, which becomes the new baseline. */
  diff(data: StoreData): ChangeEvent[] {
    const created: ChangeEvent[] = []
    const updated: ChangeEvent[] = []
    const sessions: ChangeEvent[] = []
    const emails: ChangeEvent[] = []
    const deleted: ChangeEvent[] = []
    const users = new Map<string, string>()
    for (const user of Object.values(data.users)) {
      const print = userFingerprint(user)
      users.set(user.id, print)
      const before = this.#users.get(user.id)
      if (before === undefined) created.push({ type: 'user.created', data: this.#json.user(user) })
      else if (before !== print) updated.push({ type: 'user.updated', data: this.#json.user(user) })
    }
    for (const [id] of this.#users) {
      if (!users.has(id)) deleted.push({ type: 'user.deleted', data: this.#json.deleted('user', id) })
    }
    const statuses = new Map<string, SessionStatus>()
    for (const session of Object.values(data.sessions)) {
      statuses.set(session.id, session.status)
      const before = this.#sessions.get(session.id)
      if (before === session.status) continue
      const user = data.users[session.user_id]
      const json = { ...this.#json.session(session), user: user ? this.#json.user(user) : null }
      if (before === undefined && session.status === 'active') sessions.push({ type: 'session.created', data: json })
      const ending = ENDINGS[session.status]
      if (ending) sessions.push({ type: ending, data: json })
    }
    const ids = new Set<string>()
    for (const message of Object.values(data.emails)) {
      ids.add(message.id)
      if (!this.#emails.has(message.id)) emails.push({ type: 'email.created', data: emailJson(message, data) })
    }
    this.#users = users
    this.#sessions = statuses
    this.#emails = ids
    const organizations = this.#organizations.diff(data)
    return [...created, ...updated, ...organizations.first, ...sessions, ...emails, ...organizations.last, ...deleted]
  }
}
