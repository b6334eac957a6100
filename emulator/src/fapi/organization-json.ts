import type { EmulatorContext } from '../context.ts'
import { invitationStatus, pendingInvitations } from '../organization-invitations.ts'
import { membersCount, userMemberships } from '../organization-memberships.ts'
import { roleName, rolePermissions } from '../organization-roles.ts'
import type { OrganizationInvitationRecord, OrganizationMembershipRecord, OrganizationRecord, UserRecord } from '../store.ts'
import { organizationImageUrl } from '../bapi/organization-json.ts'
import { publicUserDataJson } from './public-user-data.ts'

// Frontend API JSON for organizations (Client.Organization, Client.OrganizationMembership,
// Client.OrganizationInvitation): what the organization components read. No private metadata.

export function organizationJson(ctx: EmulatorContext, org: OrganizationRecord): Record<string, unknown> {
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    slug: org.slug,
    image_url: organizationImageUrl(ctx, org),
    has_image: Boolean(org.image_id),
    members_count: membersCount(ctx.store, org.id),
    pending_invitations_count: pendingInvitations(ctx.store, org.id).length,
    max_allowed_memberships: org.max_allowed_memberships,
    admin_delete_enabled: org.admin_delete_enabled,
    public_metadata: org.public_metadata,
    created_at: org.created_at,
    updated_at: org.updated_at,
  }
}

export function membershipJson(ctx: EmulatorContext, membership: OrganizationMembershipRecord): Record<string, unknown> {
  const user = ctx.store.data.users[membership.user_id]
  return {
    object: 'organization_membership',
    id: membership.id,
    public_metadata: membership.public_metadata,
    role: membership.role,
    role_name: roleName(ctx.store, membership.role),
    permissions: rolePermissions(ctx.store, membership.role),
    created_at: membership.created_at,
    updated_at: membership.updated_at,
    organization: organizationJson(ctx, ctx.store.data.organizations[membership.organization_id]!),
    public_user_data: user ? publicUserDataJson(ctx, user) : null,
  }
}

/** `User.organization_memberships`: clerk-js finds the active organization among these. */
export function organizationMembershipsJson(ctx: EmulatorContext, user: UserRecord): Record<string, unknown>[] {
  return ctx.config.organizations.enabled ? userMemberships(ctx.store, user.id).map(m => membershipJson(ctx, m)) : []
}

export function invitationJson(ctx: EmulatorContext, inv: OrganizationInvitationRecord): Record<string, unknown> {
  const org = ctx.store.data.organizations[inv.organization_id]
  return {
    object: 'organization_invitation',
    id: inv.id,
    email_address: inv.email_address,
    role: inv.role,
    role_name: roleName(ctx.store, inv.role),
    organization_id: inv.organization_id,
    ...(org ? { public_organization_data: { id: org.id, name: org.name, slug: org.slug, image_url: organizationImageUrl(ctx, org), has_image: Boolean(org.image_id) } } : {}),
    status: invitationStatus(inv),
    public_metadata: inv.public_metadata,
    url: null,
    expires_at: inv.expires_at,
    created_at: inv.created_at,
    updated_at: inv.updated_at,
  }
}
