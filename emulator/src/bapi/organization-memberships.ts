import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, readClerkBody, requiredString, sendJson } from '../http.ts'
import { addMembership, changeRole, getMembershipOr404, membershipsOf, removeMembership, userMemberships } from '../organization-memberships.ts'
import type { Metadata, OrganizationMembershipRecord, UserRecord } from '../store.ts'
import { metadataChanges, oversizedKind } from './metadata.ts'
import { metadataParam } from './params.ts'
import { membershipJson, page } from './organization-json.ts'
import { organizationParam, organizationsOnly } from './organizations.ts'
import { pagination, queryInt, queryList, queryString } from './query.ts'
import type { BapiRoute } from './route.ts'
import { getUserOr404, metadataTooLarge } from './users.ts'

// Memberships on the Backend API: an organization's (list, add, change role, remove, metadata),
// the instance's, and a user's (`users.getOrganizationMembershipList`).

type Handler = (event: H3Event) => unknown

function contains(values: (string | null | undefined)[], needle: string): boolean {
  return values.some(v => v?.toLowerCase().includes(needle.toLowerCase()))
}

function emailsOf(user: UserRecord | undefined): string[] {
  return user?.email_addresses.map(e => e.email_address) ?? []
}

const ORDER: Record<string, (m: OrganizationMembershipRecord, user: UserRecord | undefined) => string | number | null> = {
  created_at: m => m.created_at,
  first_name: (_, u) => u?.first_name?.toLowerCase() ?? null,
  last_name: (_, u) => u?.last_name?.toLowerCase() ?? null,
  username: (_, u) => u?.username?.toLowerCase() ?? null,
  email_address: (_, u) => u?.email_addresses.find(e => e.id === u.primary_email_address_id)?.email_address ?? null,
  phone_number: () => null,
}

/** The filters and order `getOrganizationMembershipList` sends. */
function filterAndSort(ctx: EmulatorContext, event: H3Event, memberships: OrganizationMembershipRecord[]): OrganizationMembershipRecord[] {
  const users = (m: OrganizationMembershipRecord) => ctx.store.data.users[m.user_id]
  const userIds = new Set(queryList(event, 'user_id'))
  const emails = new Set(queryList(event, 'email_address').map(e => e.toLowerCase()))
  const usernames = new Set(queryList(event, 'username').map(e => e.toLowerCase()))
  const roles = new Set(queryList(event, 'role'))
  const query = queryString(event, 'query')
  const emailQuery = queryString(event, 'email_address_query')
  const usernameQuery = queryString(event, 'username_query')
  const nameQuery = queryString(event, 'name_query')
  const bound = (name: string) => queryString(event, name) === undefined ? undefined : queryInt(event, name, { default: 0, min: 0 })
  const createdBefore = bound('created_at_before')
  const createdAfter = bound('created_at_after')
  const raw = queryString(event, 'order_by') ?? '-created_at'
  const key = ORDER[raw.replace(/^[+-]/, '')]
  if (!key) throw clerkError(422, 'form_param_value_invalid', 'order_by is invalid', `order_by must be one of ${Object.keys(ORDER).join(', ')}, optionally prefixed with + or -.`, { param_name: 'order_by' })
  const sign = raw.startsWith('-') ? -1 : 1
  // The emulator has no phone numbers or wallets: such filters match nobody.
  if (queryList(event, 'phone_number').length || queryList(event, 'web3_wallet').length) return []
  return memberships.filter((m) => {
    const user = users(m)
    if (userIds.size && !userIds.has(m.user_id)) return false
    if (emails.size && !emailsOf(user).some(e => emails.has(e))) return false
    if (usernames.size && !(user?.username && usernames.has(user.username.toLowerCase()))) return false
    if (roles.size && !roles.has(m.role)) return false
    if (query && !contains([...emailsOf(user), user?.username, user?.first_name, user?.last_name, m.user_id], query)) return false
    if (emailQuery && !contains(emailsOf(user), emailQuery)) return false
    if (usernameQuery && !contains([user?.username], usernameQuery)) return false
    if (nameQuery && !contains([user?.first_name, user?.last_name, [user?.first_name, user?.last_name].filter(Boolean).join(' ')], nameQuery)) return false
    if (createdBefore !== undefined && m.created_at >= createdBefore) return false
    if (createdAfter !== undefined && m.created_at <= createdAfter) return false
    return true
  }).sort((a, b) => {
    const x = key(a, users(a))
    const y = key(b, users(b))
    if (x === y) return (a.created_at - b.created_at || a.id.localeCompare(b.id)) * sign
    if (x === null) return 1
    if (y === null) return -1
    return (x < y ? -1 : 1) * sign
  })
}

function respondList(ctx: EmulatorContext, event: H3Event, memberships: OrganizationMembershipRecord[]) {
  const { limit, offset } = pagination(event)
  const result = page(memberships, offset, limit)
  return sendJson(event, { data: result.data.map(m => membershipJson(ctx, m)), total_count: result.total_count })
}

function listForOrganization(ctx: EmulatorContext): Handler {
  return event => respondList(ctx, event, filterAndSort(ctx, event, membershipsOf(ctx.store, organizationParam(ctx, event).id)))
}

function listForInstance(ctx: EmulatorContext): Handler {
  return event => respondList(ctx, event, filterAndSort(ctx, event, Object.values(ctx.store.data.organizationMemberships)))
}

function listForUser(ctx: EmulatorContext): Handler {
  return event => respondList(ctx, event, userMemberships(ctx.store, getUserOr404(ctx, getRouterParam(event, 'id')).id))
}

function create(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const org = organizationParam(ctx, event)
    const userId = requiredString(body, 'user_id')
    getUserOr404(ctx, userId)
    const membership = addMembership(ctx.store, org, userId, requiredString(body, 'role'))
    await ctx.store.commit()
    return sendJson(event, membershipJson(ctx, membership))
  }
}

function membershipParam(ctx: EmulatorContext, event: H3Event): OrganizationMembershipRecord {
  return getMembershipOr404(ctx.store, organizationParam(ctx, event).id, getRouterParam(event, 'user_id', { decode: true }))
}

function update(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const membership = membershipParam(ctx, event)
    changeRole(ctx.store, membership, requiredString(body, 'role'))
    await ctx.store.commit()
    return sendJson(event, membershipJson(ctx, membership))
  }
}

function remove(ctx: EmulatorContext): Handler {
  return async (event) => {
    const membership = membershipParam(ctx, event)
    const json = membershipJson(ctx, membership)
    removeMembership(ctx.store, membership)
    await ctx.store.commit()
    return sendJson(event, json)
  }
}

function mergeMetadata(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const membership = membershipParam(ctx, event)
    const supplied: Partial<Record<'public_metadata' | 'private_metadata', Metadata | null>> = {
      public_metadata: metadataParam(body, 'public_metadata'),
      private_metadata: metadataParam(body, 'private_metadata'),
    }
    const next = metadataChanges(membership, supplied, 'merge')
    const oversized = oversizedKind(next)
    if (oversized) throw metadataTooLarge(oversized)
    Object.assign(membership, next)
    membership.updated_at = Date.now()
    await ctx.store.commit()
    return sendJson(event, membershipJson(ctx, membership))
  }
}

export function organizationMembershipRoutes(ctx: EmulatorContext): BapiRoute[] {
  return organizationsOnly(ctx, [
    ['GET', '/v1/organizations/:id/memberships', listForOrganization(ctx)],
    ['POST', '/v1/organizations/:id/memberships', create(ctx)],
    ['PATCH', '/v1/organizations/:id/memberships/:user_id', update(ctx)],
    ['DELETE', '/v1/organizations/:id/memberships/:user_id', remove(ctx)],
    ['PATCH', '/v1/organizations/:id/memberships/:user_id/metadata', mergeMetadata(ctx)],
    ['GET', '/v1/organization_memberships', listForInstance(ctx)],
    ['GET', '/v1/users/:id/organization_memberships', listForUser(ctx)],
  ])
}
