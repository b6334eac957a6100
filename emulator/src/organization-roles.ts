// The roles and permissions of a new Clerk instance's organizations: `org:admin` and `org:member`
// with Clerk's system permissions (the prebuilt UI shows or hides members, invitations and
// settings by them). Fixed records: the emulator has no custom roles.

export interface PermissionDefinition {
  id: string
  key: string
  name: string
  description: string
}

export interface RoleDefinition {
  id: string
  key: string
  name: string
  description: string
  permissions: string[]
  /** May be the creator's role (Organizations → Settings → Creator's initial role). */
  isCreatorEligible: boolean
}

/** Clerk's system permissions (`type: system`); never carried in session tokens, as at Clerk. */
export const SYSTEM_PERMISSIONS: PermissionDefinition[] = [
  { id: 'perm_sys_profile_manage', key: 'org:sys_profile:manage', name: 'Manage organization', description: 'Permission to manage an organization.' },
  { id: 'perm_sys_profile_delete', key: 'org:sys_profile:delete', name: 'Delete organization', description: 'Permission to delete an organization.' },
  { id: 'perm_sys_memberships_read', key: 'org:sys_memberships:read', name: 'Read members', description: 'Permission to read the members of an organization.' },
  { id: 'perm_sys_memberships_manage', key: 'org:sys_memberships:manage', name: 'Manage members', description: 'Permission to manage the members of an organization.' },
  { id: 'perm_sys_domains_read', key: 'org:sys_domains:read', name: 'Read domains', description: 'Permission to read the domains of an organization.' },
  { id: 'perm_sys_domains_manage', key: 'org:sys_domains:manage', name: 'Manage domains', description: 'Permission to manage the domains of an organization.' },
]

export const DEFAULT_ROLES: RoleDefinition[] = [
  {
    id: 'role_org_admin',
    key: 'org:admin',
    name: 'Admin',
    description: 'Role with elevated permissions in the organization.',
    permissions: SYSTEM_PERMISSIONS.map(p => p.key),
    isCreatorEligible: true,
  },
  {
    id: 'role_org_member',
    key: 'org:member',
    name: 'Member',
    description: 'Role with non-elevated permissions in the organization.',
    permissions: ['org:sys_memberships:read'],
    isCreatorEligible: false,
  },
]

/** The role with this key (`org:admin`) or id; undefined for any other. */
export function findRole(keyOrId: string): RoleDefinition | undefined {
  return DEFAULT_ROLES.find(role => role.key === keyOrId || role.id === keyOrId)
}

export function findPermission(id: string): PermissionDefinition | undefined {
  return SYSTEM_PERMISSIONS.find(p => p.id === id)
}

/** The permissions a role grants; an unknown role grants none. */
export function rolePermissions(key: string): string[] {
  return findRole(key)?.permissions ?? []
}

export function roleName(key: string): string {
  return findRole(key)?.name ?? key
}

/** The role that manages an organization: it must keep at least one member. */
export const ADMIN_ROLE = 'org:admin'
