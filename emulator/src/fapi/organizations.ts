import { clerkError, optionalString } from '../http.ts'
import { createInvitations, getInvitationOr404, invitationStatus, revokeInvitation } from '../organization-invitations.ts'
import { addMembership, changeRole, findMembership, getMembershipOr404, membershipsOf, removeMembership } from '../organization-memberships.ts'
import { allRoles, rolePermissions } from '../organization-roles.ts'
import { assertOrganizationsEnabled, checkName, checkSlug, createOrganization, deleteOrganization, getOrganizationOr404, touchOrganization } from '../organizations.ts'
import type { OrganizationMembershipRecord, OrganizationRecord } from '../store.ts'
import { roleJson } from '../bapi/organization-json.ts'
import { invitationJson, membershipJson, organizationJson } from './organization-json.ts'
import { me, type Me } from './me.ts'
import { readImageUpload } from './profile-image.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { withClient } from './json.ts'
import { touchClient } from '../clients.ts'

// What <OrganizationSwitcher/>, <CreateOrganization/>, <OrganizationProfile/> and
// <OrganizationList/> call on an organization. The signed-in user (a pending session too: the
// choose-organization task creates one) acts as a member, within their role's system permissions.

interface Access extends Me {
  org: OrganizationRecord
  membership: OrganizationMembershipRecord
}

/** The caller's membership in the organization of the path, holding `permission` if one is named. */
export function access(req: FapiRequest, permission?: string): Access {
  assertOrganizationsEnabled(req.ctx.config.organizations)
  const current = me(req)
  const org = getOrganizationOr404(req.store, req.params.id)
  const membership = findMembership(req.store, org.id, current.user.id)
  if (!membership) throw clerkError(404, 'organization_not_found_or_unauthorized', 'Organization not found', 'You are not a member of this organization, or it does not exist.')
  if (permission && !rolePermissions(req.store, membership.role).includes(permission)) {
    throw clerkError(403, 'not_allowed_access', 'You are not authorized to perform this request', `This needs the ${permission} permission in the organization.`)
  }
  return { ...current, org, membership }
}

export function respond(req: FapiRequest, current: Me, response: unknown) {
  touchClient(current.client)
  return withClient(req.ctx, current.client, req.origin, response)
}

/** `paginated=true` (clerk-js's list calls) answers `{ data, total_count }`, else a bare array. */
export function listResponse<T>(req: FapiRequest, items: T[], json: (item: T) => unknown) {
  const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 10) || 10, 1), 500)
  const offset = Math.max(Number(req.query.get('offset') ?? 0) || 0, 0)
  const data = items.slice(offset, offset + limit).map(json)
  return req.query.get('paginated') === 'false' ? data : { data, total_count: items.length }
}

function emailList(body: Record<string, unknown>): string[] {
  const value = body.email_address
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
}

export const organizationRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/organizations', handler: async (req) => {
    const body = await req.body()
    assertOrganizationsEnabled(req.ctx.config.organizations)
    const current = me(req)
    const settings = req.ctx.config.organizations
    const org = createOrganization(req.store, settings, {
      name: optionalString(body, 'name') ?? '',
      slug: settings.slugDisabled ? null : optionalString(body, 'slug'),
      createdBy: current.user.id,
    })
    addMembership(req.store, org, current.user.id, settings.creatorRole)
    return respond(req, current, organizationJson(req.ctx, org))
  } },

  { method: 'GET', path: '/v1/organizations/:id', handler: (req) => {
    const current = access(req)
    return respond(req, current, organizationJson(req.ctx, current.org))
  } },

  { method: 'PATCH', path: '/v1/organizations/:id', handler: async (req) => {
    const body = await req.body()
    const current = access(req, 'org:sys_profile:manage')
    const name = optionalString(body, 'name')
    const slug = optionalString(body, 'slug')
    const next = { name: name ? checkName(name) : current.org.name, slug: slug ? checkSlug(req.store, slug, current.org.id) : current.org.slug }
    Object.assign(current.org, next)
    touchOrganization(current.org)
    return respond(req, current, organizationJson(req.ctx, current.org))
  } },

  { method: 'DELETE', path: '/v1/organizations/:id', handler: async (req) => {
    const current = access(req, 'org:sys_profile:delete')
    if (!current.org.admin_delete_enabled) throw clerkError(403, 'not_allowed_access', 'Deleting this organization is not allowed', 'Admins may not delete this organization (admin_delete_enabled is off).')
    deleteOrganization(req.store, current.org)
    await req.ctx.images.delete(current.org.image_id)
    return respond(req, current, { object: 'organization', id: current.org.id, deleted: true })
  } },

  // clerk-js reads an Organization back from both: the new image, or none.
  { method: 'PUT', path: '/v1/organizations/:id/logo', handler: async (req) => {
    access(req, 'org:sys_profile:manage')
    const id = await req.ctx.images.put(await readImageUpload(req.event))
    const current = access(req, 'org:sys_profile:manage') // re-read after the upload
    const old = current.org.image_id
    current.org.image_id = id
    touchOrganization(current.org)
    await req.ctx.images.delete(old)
    return respond(req, current, organizationJson(req.ctx, current.org))
  } },
  { method: 'DELETE', path: '/v1/organizations/:id/logo', handler: async (req) => {
    const current = access(req, 'org:sys_profile:manage')
    const old = current.org.image_id
    current.org.image_id = null
    touchOrganization(current.org)
    await req.ctx.images.delete(old)
    return respond(req, current, organizationJson(req.ctx, current.org))
  } },

  { method: 'GET', path: '/v1/organizations/:id/memberships', handler: (req) => {
    const current = access(req, 'org:sys_memberships:read')
    const roles = req.query.getAll('role')
    const query = req.query.get('query')?.toLowerCase()
    const members = membershipsOf(req.store, current.org.id).filter((m) => {
      const user = req.store.data.users[m.user_id]
      const text = [user?.first_name, user?.last_name, user?.username, ...(user?.email_addresses.map(e => e.email_address) ?? [])].join(' ').toLowerCase()
      return (!roles.length || roles.includes(m.role)) && (!query || text.includes(query))
    })
    return respond(req, current, listResponse(req, members, m => membershipJson(req.ctx, m)))
  } },
  { method: 'POST', path: '/v1/organizations/:id/memberships', handler: async (req) => {
    const body = await req.body()
    const current = access(req, 'org:sys_memberships:manage')
    const userId = optionalString(body, 'user_id') ?? ''
    if (!req.store.data.users[userId]) throw clerkError(404, 'resource_not_found', 'not found', 'No user with this id exists.')
    const membership = addMembership(req.store, current.org, userId, optionalString(body, 'role') ?? '')
    return respond(req, current, membershipJson(req.ctx, membership))
  } },
  { method: 'PATCH', path: '/v1/organizations/:id/memberships/:user_id', handler: async (req) => {
    const body = await req.body()
    const current = access(req, 'org:sys_memberships:manage')
    const membership = getMembershipOr404(req.store, current.org.id, req.params.user_id)
    changeRole(req.store, membership, optionalString(body, 'role') ?? '')
    return respond(req, current, membershipJson(req.ctx, membership))
  } },
  { method: 'DELETE', path: '/v1/organizations/:id/memberships/:user_id', handler: (req) => {
    const current = access(req, 'org:sys_memberships:manage')
    const membership = getMembershipOr404(req.store, current.org.id, req.params.user_id)
    const json = membershipJson(req.ctx, membership)
    removeMembership(req.store, membership)
    return respond(req, current, json)
  } },

  { method: 'GET', path: '/v1/organizations/:id/invitations', handler: (req) => {
    const current = access(req, 'org:sys_memberships:read')
    const statuses = req.query.getAll('status')
    const invitations = Object.values(req.store.data.organizationInvitations)
      .filter(inv => inv.organization_id === current.org.id && (!statuses.length || statuses.includes(invitationStatus(inv))))
      .sort((a, b) => b.created_at - a.created_at)
    return respond(req, current, listResponse(req, invitations, inv => invitationJson(req.ctx, inv)))
  } },
  ...(['/v1/organizations/:id/invitations', '/v1/organizations/:id/invitations/bulk'] as const).map((path): FapiRoute => ({ method: 'POST', path, handler: async (req) => {
    const body = await req.body()
    const current = access(req, 'org:sys_memberships:manage')
    const role = optionalString(body, 'role')
    const emails = emailList(body)
    const created = createInvitations(req.store, current.org, (emails.length ? emails : [undefined]).map(emailAddress => ({ emailAddress, role, inviterId: current.user.id })))
    const json = created.map(inv => invitationJson(req.ctx, inv))
    return respond(req, current, path.endsWith('/bulk') ? json : json[0])
  } })),
  { method: 'POST', path: '/v1/organizations/:id/invitations/:invitation_id/revoke', handler: (req) => {
    const current = access(req, 'org:sys_memberships:manage')
    const inv = getInvitationOr404(req.store, current.org.id, req.params.invitation_id)
    revokeInvitation(inv)
    return respond(req, current, invitationJson(req.ctx, inv))
  } },

  // <OrganizationProfile/> asks even with verified domains off (the emulator has none): an empty list.
  { method: 'GET', path: '/v1/organizations/:id/domains', handler: (req) => {
    const current = access(req, 'org:sys_domains:read')
    return respond(req, current, listResponse(req, [], () => null))
  } },

  { method: 'GET', path: '/v1/organizations/:id/roles', handler: (req) => {
    const current = access(req)
    return respond(req, current, listResponse(req, allRoles(req.store), role => roleJson(req.store, role)))
  } },
]
