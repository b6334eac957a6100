import { clerkError } from './http.ts'
import type { OrganizationPermissionRecord, OrganizationRoleRecord, Store } from './store.ts'

// Organization roles and permissions: a new Clerk instance's `org:admin` and `org:member` with
// Clerk's system permissions (the prebuilt UI shows or hides members, invitations and settings by
// them), and custom ones made through the Backend API, whose permissions go in session tokens.

export interface PermissionDefinition {
  id: string
  key: string
  name: string
  description: string
  type: 'system' | 'user'
  created_at?: number
  updated_at?: number
}

export interface RoleDefinition {
  id: string
  key: string
  name: string
  description: string
  /** Permission keys. */
  permissions: string[]
  /** May be the creator's role (Organizations → Settings → Creator's initial role). */
  isCreatorEligible: boolean
  created_at?: number
  updated_at?: number
}

/** Clerk's system permissions; never carried in session tokens, as at Clerk. */
export const SYSTEM_PERMISSIONS: PermissionDefinition[] = [
  { id: 'perm_sys_profile_manage', key: 'org:sys_profile:manage', name: 'Manage organization', description: 'Permission to manage an organization.', type: 'system' },
  { id: 'perm_sys_profile_delete', key: 'org:sys_profile:delete', name: 'Delete organization', description: 'Permission to delete an organization.', type: 'system' },
  { id: 'perm_sys_memberships_read', key: 'org:sys_memberships:read', name: 'Read members', description: 'Permission to read the members of an organization.', type: 'system' },
  { id: 'perm_sys_memberships_manage', key: 'org:sys_memberships:manage', name: 'Manage members', description: 'Permission to manage the members of an organization.', type: 'system' },
  { id: 'perm_sys_domains_read', key: 'org:sys_domains:read', name: 'Read domains', description: 'Permission to read the domains of an organization.', type: 'system' },
  { id: 'perm_sys_domains_manage', key: 'org:sys_domains:manage', name: 'Manage domains', description: 'Permission to manage the domains of an organization.', type: 'system' },
]

export const DEFAULT_ROLES: RoleDefinition[] = [
  { id: 'role_org_admin', key: 'org:admin', name: 'Admin', description: 'Role with elevated permissions in the organization.', permissions: SYSTEM_PERMISSIONS.map(p => p.key), isCreatorEligible: true },
  { id: 'role_org_member', key: 'org:member', name: 'Member', description: 'Role with non-elevated permissions in the organization.', permissions: ['org:sys_memberships:read'], isCreatorEligible: false },
]

/** The role that manages an organization: it must keep at least one member. */
export const ADMIN_ROLE = 'org:admin'

const PERMISSION_KEY = /^org:[a-z0-9_]+:[a-z0-9_]+$/
const ROLE_KEY = /^org:[a-z0-9_]+$/

export function allPermissions(store: Store): PermissionDefinition[] {
  return [...SYSTEM_PERMISSIONS, ...Object.values(store.data.organizationPermissions).map(p => ({ ...p, type: 'user' as const }))]
}

function customRole(store: Store, role: OrganizationRoleRecord): RoleDefinition {
  const keys = role.permission_ids.map(id => store.data.organizationPermissions[id]?.key).filter((key): key is string => Boolean(key))
  return { id: role.id, key: role.key, name: role.name, description: role.description, permissions: keys, isCreatorEligible: true, created_at: role.created_at, updated_at: role.updated_at }
}

export function allRoles(store: Store): RoleDefinition[] {
  return [...DEFAULT_ROLES, ...Object.values(store.data.organizationRoles).map(r => customRole(store, r))]
}

/** The role with this key (`org:admin`) or id; undefined for any other. */
export function findRole(store: Store, keyOrId: string): RoleDefinition | undefined {
  return allRoles(store).find(role => role.key === keyOrId || role.id === keyOrId)
}

export function findPermission(store: Store, keyOrId: string): PermissionDefinition | undefined {
  return allPermissions(store).find(p => p.id === keyOrId || p.key === keyOrId)
}

/** The permissions a role grants; an unknown role grants none. */
export function rolePermissions(store: Store, key: string): string[] {
  return findRole(store, key)?.permissions ?? []
}

export function roleName(store: Store, key: string): string {
  return findRole(store, key)?.name ?? key
}

function required(value: string | undefined | null, name: string): string {
  if (!value) throw clerkError(422, 'form_param_missing', `${name} must be included.`, `${name} must be included.`, { param_name: name })
  return value
}

function taken(name: string) {
  return clerkError(422, 'duplicate_record', `That ${name} is taken`, `Another ${name.replace('_', ' ')} in this instance already uses this key.`, { param_name: 'key' })
}

export function createPermission(store: Store, input: { name?: string | null, key?: string | null, description?: string | null }): OrganizationPermissionRecord {
  const name = required(input.name, 'name')
  const key = required(input.key, 'key')
  if (!PERMISSION_KEY.test(key) || key.startsWith('org:sys_')) {
    throw clerkError(422, 'form_param_format_invalid', 'key is invalid', 'key must look like org:<feature>:<action> (lowercase letters, digits, underscores), and org:sys_ is reserved for system permissions.', { param_name: 'key' })
  }
  if (findPermission(store, key)) throw taken('permission')
  const now = Date.now()
  const record: OrganizationPermissionRecord = { id: store.newId('perm'), key, name, description: input.description ?? '', created_at: now, updated_at: now }
  store.data.organizationPermissions[record.id] = record
  return record
}

export function createRole(store: Store, input: { name?: string | null, key?: string | null, description?: string | null, permissions?: string[] }): OrganizationRoleRecord {
  const name = required(input.name, 'name')
  const key = required(input.key, 'key')
  if (!ROLE_KEY.test(key)) throw clerkError(422, 'form_param_format_invalid', 'key is invalid', 'key must look like org:<role> (lowercase letters, digits, underscores).', { param_name: 'key' })
  if (findRole(store, key)) throw taken('role')
  const permissionIds = (input.permissions ?? []).map((ref) => {
    const permission = findPermission(store, ref)
    if (!permission) throw clerkError(422, 'form_param_value_invalid', 'permissions is invalid', `There is no permission "${ref}".`, { param_name: 'permissions' })
    return permission.id
  })
  const now = Date.now()
  const record: OrganizationRoleRecord = { id: store.newId('role'), key, name, description: input.description ?? '', permission_ids: [...new Set(permissionIds)], created_at: now, updated_at: now }
  store.data.organizationRoles[record.id] = record
  return record
}

/** Custom roles only: the default ones are fixed. */
export function customRoleOr404(store: Store, id: string | undefined): OrganizationRoleRecord {
  const role = id ? store.data.organizationRoles[id] ?? Object.values(store.data.organizationRoles).find(r => r.key === id) : undefined
  if (!role) throw clerkError(404, 'resource_not_found', 'not found', 'No custom organization role with this id exists (the default roles cannot be changed).')
  return role
}

/**
 * The `o` claim's permission fields for a role: its custom permissions as Clerk's v2 tokens encode
 * them (`fea` lists the features, `per` the actions, `fpm` per feature a bit mask over `per`).
 */
export function permissionClaims(store: Store, role: string): { fea: string, per: string, fpm: string } | null {
  const custom = rolePermissions(store, role).filter(key => !key.startsWith('org:sys_')).map(key => key.split(':'))
  if (!custom.length) return null
  const features = [...new Set(custom.map(([, feature]) => feature!))].sort()
  const actions = [...new Set(custom.map(([, , action]) => action!))].sort()
  const masks = features.map(feature => custom.filter(([, f]) => f === feature).reduce((mask, [, , action]) => mask | (1 << actions.indexOf(action!)), 0))
  return { fea: features.map(f => `o:${f}`).join(','), per: actions.join(','), fpm: masks.join(',') }
}
