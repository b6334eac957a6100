import { clerkError } from './http.ts'
import { ADMIN_ROLE, findRole } from './organization-roles.ts'
import type { OrganizationInvitationRecord, OrganizationMembershipRecord, OrganizationRecord, SessionRecord, Store } from './store.ts'

// Who belongs to which organization, with which role: the rules both APIs share (a known role,
// the membership limit, an organization never left without an admin).

export function findMembership(store: Store, organizationId: string, userId: string): OrganizationMembershipRecord | undefined {
  return Object.values(store.data.organizationMemberships).find(m => m.organization_id === organizationId && m.user_id === userId)
}

export function getMembershipOr404(store: Store, organizationId: string, userId: string | undefined): OrganizationMembershipRecord {
  const membership = userId ? findMembership(store, organizationId, userId) : undefined
  if (!membership) throw clerkError(404, 'resource_not_found', 'not found', 'The user is not a member of this organization.')
  return membership
}

/** The session's active organization, while its user is still a member: what the token's `o` claim says. */
export function activeOrganization(store: Store, session: SessionRecord): { id: string, slug: string, role: string } | null {
  const org = session.last_active_organization_id ? store.data.organizations[session.last_active_organization_id] : undefined
  const membership = org ? findMembership(store, org.id, session.user_id) : undefined
  return org && membership ? { id: org.id, slug: org.slug, role: membership.role } : null
}

/** Oldest first, as Clerk lists them unless asked otherwise. */
export function membershipsOf(store: Store, organizationId: string): OrganizationMembershipRecord[] {
  return Object.values(store.data.organizationMemberships).filter(m => m.organization_id === organizationId).sort((a, b) => a.created_at - b.created_at)
}

/** A user's memberships, newest first. */
export function userMemberships(store: Store, userId: string): OrganizationMembershipRecord[] {
  return Object.values(store.data.organizationMemberships).filter(m => m.user_id === userId).sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id))
}

export function membersCount(store: Store, organizationId: string): number {
  return membershipsOf(store, organizationId).length
}

export function checkRole(store: Store, role: string | undefined | null): string {
  if (!role) throw clerkError(422, 'form_param_missing', 'role must be included.', 'role must be included.', { param_name: 'role' })
  if (!findRole(store, role)) throw clerkError(422, 'form_param_value_invalid', 'role is invalid', `There is no role "${role}" in this instance.`, { param_name: 'role' })
  return role
}

/** An invitation neither answered nor expired: it holds a seat in the organization. */
export function isPendingInvitation(inv: OrganizationInvitationRecord, now = Date.now()): boolean {
  return inv.status === 'pending' && inv.expires_at > now
}

/** Room for `extra` more members, counting members and pending invitations against the limit. */
export function assertRoomFor(store: Store, org: OrganizationRecord, extra = 1): void {
  const promised = Object.values(store.data.organizationInvitations).filter(inv => inv.organization_id === org.id && isPendingInvitation(inv)).length
  if (org.max_allowed_memberships > 0 && membersCount(store, org.id) + promised + extra > org.max_allowed_memberships) {
    throw clerkError(403, 'organization_membership_quota_exceeded', 'Membership quota exceeded', 'You have reached your limit of organization memberships, including outstanding invitations.')
  }
}

export function addMembership(store: Store, org: OrganizationRecord, userId: string, role: string): OrganizationMembershipRecord {
  const checkedRole = checkRole(store, role)
  if (findMembership(store, org.id, userId)) {
    throw clerkError(422, 'already_a_member_in_organization', 'Already a member', 'The user is already a member of the organization.', { param_name: 'user_id' })
  }
  assertRoomFor(store, org)
  const now = Date.now()
  const membership: OrganizationMembershipRecord = {
    id: store.newId('orgmem'),
    organization_id: org.id,
    user_id: userId,
    role: checkedRole,
    public_metadata: {},
    private_metadata: {},
    created_at: now,
    updated_at: now,
  }
  store.data.organizationMemberships[membership.id] = membership
  return membership
}

/** Refuses a change that would leave the organization with no admin. */
function assertAnotherAdmin(store: Store, membership: OrganizationMembershipRecord): void {
  if (membership.role !== ADMIN_ROLE) return
  const admins = membershipsOf(store, membership.organization_id).filter(m => m.role === ADMIN_ROLE)
  if (admins.length <= 1) {
    throw clerkError(422, 'organization_minimum_permissions_needed', 'There has to be at least one organization member with the administrator role.', 'There has to be at least one organization member with the administrator role.')
  }
}

export function changeRole(store: Store, membership: OrganizationMembershipRecord, role: string): void {
  const next = checkRole(store, role)
  if (next !== membership.role) assertAnotherAdmin(store, membership)
  membership.role = next
  membership.updated_at = Date.now()
}

/** Removes a membership; the user's sessions active in that organization fall back to none. No commit. */
export function removeMembership(store: Store, membership: OrganizationMembershipRecord): void {
  assertAnotherAdmin(store, membership)
  delete store.data.organizationMemberships[membership.id]
  for (const session of Object.values(store.data.sessions)) {
    if (session.user_id === membership.user_id && session.last_active_organization_id === membership.organization_id) session.last_active_organization_id = null
  }
}

/** A deleted user leaves every organization (no last-admin rule: the user is gone). No commit. */
export function removeUserMemberships(store: Store, userId: string): void {
  for (const m of Object.values(store.data.organizationMemberships)) {
    if (m.user_id === userId) delete store.data.organizationMemberships[m.id]
  }
}
