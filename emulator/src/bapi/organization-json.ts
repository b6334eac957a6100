import type { EmulatorContext } from '../context.ts'
import type { OrganizationSettings } from '../instance-config.ts'
import { invitationStatus, pendingInvitations } from '../organization-invitations.ts'
import { membersCount } from '../organization-memberships.ts'
import { allPermissions, roleName, rolePermissions, type PermissionDefinition, type RoleDefinition } from '../organization-roles.ts'
import type { OrganizationInvitationRecord, OrganizationMembershipRecord, OrganizationRecord, Store, UserRecord } from '../store.ts'
import { defaultAvatarUrl, imageUrl, userImageUrl, type EmulatorAddress } from '../urls.ts'

// Backend API JSON for organizations, memberships, invitations, roles and the organization
// settings, field for field as bapi-2026-05-12 lists them.

/** The default roles and permissions exist from the instance's start; this stands in for it. */
const INSTANCE_CREATED_AT = Date.UTC(2026, 0, 1)

export function organizationImageUrl(at: EmulatorAddress, org: OrganizationRecord): string {
  return org.image_id ? imageUrl(at, org.image_id) : defaultAvatarUrl(at)
}

/** `counts`: members_count and pending_invitations_count, which Clerk adds when asked (`include_members_count`). */
export function organizationJson(ctx: EmulatorContext, org: OrganizationRecord, counts = false) {
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    slug: org.slug,
    image_url: organizationImageUrl(ctx, org),
    has_image: Boolean(org.image_id),
    ...(counts ? { members_count: membersCount(ctx.store, org.id), pending_invitations_count: pendingInvitations(ctx.store, org.id).length } : {}),
    max_allowed_memberships: org.max_allowed_memberships,
    admin_delete_enabled: org.admin_delete_enabled,
    public_metadata: org.public_metadata,
    private_metadata: org.private_metadata,
    ...(org.created_by ? { created_by: org.created_by } : {}),
    created_at: org.created_at,
    updated_at: org.updated_at,
  }
}

function primaryEmail(user: UserRecord): string | null {
  return user.email_addresses.find(e => e.id === user.primary_email_address_id)?.email_address ?? null
}

export function membershipJson(ctx: EmulatorContext, membership: OrganizationMembershipRecord) {
  const org = ctx.store.data.organizations[membership.organization_id]!
  const user = ctx.store.data.users[membership.user_id]
  return {
    object: 'organization_membership',
    id: membership.id,
    role: membership.role,
    role_name: roleName(ctx.store, membership.role),
    permissions: rolePermissions(ctx.store, membership.role),
    public_metadata: membership.public_metadata,
    private_metadata: membership.private_metadata,
    organization: organizationJson(ctx, org),
    public_user_data: {
      user_id: membership.user_id,
      first_name: user?.first_name ?? null,
      last_name: user?.last_name ?? null,
      profile_image_url: user ? userImageUrl(ctx, user) : null,
      image_url: user ? userImageUrl(ctx, user) : defaultAvatarUrl(ctx),
      has_image: Boolean(user?.image_id),
      identifier: user ? primaryEmail(user) ?? user.username : null,
      username: user?.username ?? null,
      banned: user?.banned ?? false,
    },
    created_at: membership.created_at,
    updated_at: membership.updated_at,
  }
}

/** `withOrganization`: the user-level listings add the organization's public data. */
export function invitationJson(ctx: EmulatorContext, inv: OrganizationInvitationRecord, withOrganization = false) {
  const inviter = inv.inviter_id ? ctx.store.data.users[inv.inviter_id] : undefined
  const org = ctx.store.data.organizations[inv.organization_id]
  return {
    object: 'organization_invitation',
    id: inv.id,
    email_address: inv.email_address,
    role: inv.role,
    role_name: roleName(ctx.store, inv.role),
    organization_id: inv.organization_id,
    inviter_id: inv.inviter_id,
    public_inviter_data: inviter
      ? { user_id: inviter.id, first_name: inviter.first_name, last_name: inviter.last_name, image_url: userImageUrl(ctx, inviter), has_image: Boolean(inviter.image_id), identifier: primaryEmail(inviter) ?? inviter.id }
      : null,
    status: invitationStatus(inv),
    public_metadata: inv.public_metadata,
    private_metadata: inv.private_metadata,
    url: null,
    expires_at: inv.expires_at,
    created_at: inv.created_at,
    updated_at: inv.updated_at,
    ...(withOrganization && org ? { public_organization_data: { id: org.id, name: org.name, slug: org.slug, image_url: organizationImageUrl(ctx, org), has_image: Boolean(org.image_id) } } : {}),
  }
}

export function permissionJson(permission: PermissionDefinition) {
  return {
    object: 'permission',
    id: permission.id,
    name: permission.name,
    key: permission.key,
    description: permission.description,
    type: permission.type,
    created_at: permission.created_at ?? INSTANCE_CREATED_AT,
    updated_at: permission.updated_at ?? INSTANCE_CREATED_AT,
  }
}

export function roleJson(store: Store, role: RoleDefinition) {
  return {
    object: 'role',
    id: role.id,
    name: role.name,
    key: role.key,
    description: role.description,
    is_creator_eligible: role.isCreatorEligible,
    permissions: allPermissions(store).filter(p => role.permissions.includes(p.key)).map(permissionJson),
    created_at: role.created_at ?? INSTANCE_CREATED_AT,
    updated_at: role.updated_at ?? INSTANCE_CREATED_AT,
  }
}

export function organizationSettingsJson(settings: OrganizationSettings) {
  return {
    object: 'organization_settings',
    enabled: settings.enabled,
    max_allowed_memberships: settings.maxAllowedMemberships,
    max_allowed_roles: 10,
    max_allowed_domains: 10,
    creator_role: settings.creatorRole,
    admin_delete_enabled: settings.adminDelete,
    domains_enabled: false,
    slug_disabled: settings.slugDisabled,
    domains_enrollment_modes: [],
    domains_default_role: 'org:member',
  }
}

/** Clerk's paginated list envelope. */
export function page<T>(items: T[], offset: number, limit: number) {
  return { data: items.slice(offset, offset + limit), total_count: items.length }
}
