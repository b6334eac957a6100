import { clerkError } from './http.ts'
import type { InstanceConfig } from './instance-config.ts'
import { findMembership, userMemberships } from './organization-memberships.ts'
import { findOrganization } from './organizations.ts'
import { sessionStatus } from './sessions.ts'
import type { SessionRecord, SessionStatus, SessionTaskKey, Store, UserRecord } from './store.ts'

// Clerk's session tasks: what a new session must do before it counts as signed in. While any is
// left the session is `pending` (both APIs, and the token's `sts`), which Clerk's SDKs treat as
// signed out; the prebuilt UI's task screens complete them. Decided once, when the session starts.

/**
 * The tasks of a session just created for `user`: `reset-password` when the Backend API marked the
 * password compromised; `choose-organization` when personal accounts are off and the user belongs
 * to no organization (a member starts in their newest organization instead).
 */
export function startSessionTasks(config: InstanceConfig, store: Store, session: SessionRecord, user: UserRecord): void {
  const tasks: SessionTaskKey[] = []
  if (user.password_compromised) tasks.push('reset-password')
  if (config.organizations.enabled && !config.organizations.personalAccounts) {
    const [newest] = userMemberships(store, user.id)
    if (newest) session.last_active_organization_id = newest.organization_id
    else tasks.push('choose-organization')
  }
  if (tasks.length) session.tasks = tasks
}

/** The status both APIs show: a live session with tasks left is `pending`. */
export function publicSessionStatus(session: SessionRecord, now = Date.now()): SessionStatus | 'pending' {
  const status = sessionStatus(session, now)
  return status === 'active' && session.tasks?.length ? 'pending' : status
}

export function hasTask(session: SessionRecord, key: SessionTaskKey): boolean {
  return session.tasks?.includes(key) ?? false
}

export function completeTask(session: SessionRecord, key: SessionTaskKey): void {
  if (!hasTask(session, key)) return
  session.tasks = session.tasks!.filter(task => task !== key)
  session.updated_at = Date.now()
}

/** `tasks` as both APIs send it: null once none is left. */
export function tasksJson(session: SessionRecord): { key: SessionTaskKey }[] | null {
  return session.tasks?.length ? session.tasks.map(key => ({ key })) : null
}

/**
 * `setActive({ organization })`: the session's active organization by id or slug, or the personal
 * account for '' / null (kept out when personal accounts are off). Choosing one completes
 * `choose-organization`.
 */
export function selectOrganization(config: InstanceConfig, store: Store, session: SessionRecord, idOrSlug: string | null): void {
  if (!idOrSlug) {
    if (config.organizations.personalAccounts) session.last_active_organization_id = null
    return
  }
  const org = config.organizations.enabled ? findOrganization(store, idOrSlug) : undefined
  if (!org || !findMembership(store, org.id, session.user_id)) {
    throw clerkError(404, 'organization_not_found_or_unauthorized', 'Organization not found', 'You are not a member of this organization, or it does not exist.', { param_name: 'active_organization_id' })
  }
  session.last_active_organization_id = org.id
  completeTask(session, 'choose-organization')
}

/** A compromised password still proves nothing at sign-in: the user must use another factor, then reset it. */
export function assertPasswordNotCompromised(user: UserRecord): void {
  if (user.password_compromised) {
    throw clerkError(422, 'form_password_compromised', 'Your password may be compromised.', 'Your password may be compromised. Sign in with another method, then reset your password.', { param_name: 'password' })
  }
}
