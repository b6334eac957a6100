import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, readClerkBody, sendJson } from '../http.ts'
import { addMembership, membersCount, userMemberships } from '../organization-memberships.ts'
import { assertOrganizationsEnabled, checkName, checkSlug, createOrganization, deleteOrganization, getOrganizationOr404, touchOrganization } from '../organizations.ts'
import type { Metadata, OrganizationRecord } from '../store.ts'
import { readImageUpload } from '../fapi/profile-image.ts'
import { metadataChanges, oversizedKind } from './metadata.ts'
import { metadataParam, nullableString, optionalBool, optionalInt } from './params.ts'
import { deletedJson } from './json.ts'
import { organizationJson, page } from './organization-json.ts'
import { pagination, queryBool, queryList, queryString } from './query.ts'
import type { BapiRoute } from './route.ts'
import { metadataTooLarge } from './users.ts'

// Organizations on the Backend API (@clerk/backend's `organizations`): list, create, get by id or
// slug, update, delete, metadata, logo. Every call answers 403 while organizations are off.

type Handler = (event: H3Event) => unknown

/** A route table whose handlers run only on an instance with organizations on. */
export function organizationsOnly(ctx: EmulatorContext, routes: [BapiRoute['method'], string, Handler][]): BapiRoute[] {
  return routes.map(([method, path, handler]) => ({ method, path, handler: (event) => {
    assertOrganizationsEnabled(ctx.config.organizations)
    return handler(event)
  } }))
}

export function organizationParam(ctx: EmulatorContext, event: H3Event): OrganizationRecord {
  return getOrganizationOr404(ctx.store, getRouterParam(event, 'id', { decode: true }))
}

const ORDER: Record<string, (org: OrganizationRecord, ctx: EmulatorContext) => string | number> = {
  created_at: org => org.created_at,
  name: org => org.name.toLowerCase(),
  members_count: (org, ctx) => membersCount(ctx.store, org.id),
}

function listOrganizations(ctx: EmulatorContext): Handler {
  return (event) => {
    const { limit, offset } = pagination(event)
    const query = queryString(event, 'query')?.toLowerCase()
    const ids = new Set(queryList(event, 'organization_id'))
    const userIds = queryList(event, 'user_id')
    const memberOf = userIds.length ? new Set(userIds.flatMap(id => userMemberships(ctx.store, id).map(m => m.organization_id))) : null
    const raw = queryString(event, 'order_by') ?? '-created_at'
    const key = ORDER[raw.replace(/^[+-]/, '')]
    if (!key) throw clerkError(422, 'form_param_value_invalid', 'order_by is invalid', `order_by must be one of ${Object.keys(ORDER).join(', ')}, optionally prefixed with + or -.`, { param_name: 'order_by' })
    const sign = raw.startsWith('-') ? -1 : 1
    const orgs = Object.values(ctx.store.data.organizations)
      .filter(org => (!ids.size || ids.has(org.id)) && (!memberOf || memberOf.has(org.id))
        && (!query || org.id === query || org.name.toLowerCase().includes(query) || org.slug.includes(query)))
      .sort((a, b) => {
        const x = key(a, ctx)
        const y = key(b, ctx)
        return (x === y ? a.created_at - b.created_at || a.id.localeCompare(b.id) : x < y ? -1 : 1) * sign
      })
    const counts = queryBool(event, 'include_members_count') ?? false
    const result = page(orgs, offset, limit)
    return sendJson(event, { data: result.data.map(org => organizationJson(ctx, org, counts)), total_count: result.total_count })
  }
}

function createOrg(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const createdBy = nullableString(body, 'created_by') || null
    if (createdBy && !ctx.store.data.users[createdBy]) throw clerkError(422, 'form_param_value_invalid', 'created_by is invalid', 'created_by must be the id of an existing user.', { param_name: 'created_by' })
    const metadata = { public_metadata: metadataParam(body, 'public_metadata') ?? {}, private_metadata: metadataParam(body, 'private_metadata') ?? {} }
    const oversized = oversizedKind(metadata)
    if (oversized) throw metadataTooLarge(oversized)
    const createdAt = nullableString(body, 'created_at')
    const org = createOrganization(ctx.store, ctx.config.organizations, {
      name: nullableString(body, 'name') ?? '',
      slug: nullableString(body, 'slug'),
      createdBy,
      maxAllowedMemberships: optionalInt(body, 'max_allowed_memberships', 0),
      publicMetadata: metadata.public_metadata,
      privateMetadata: metadata.private_metadata,
      createdAt: createdAt && !Number.isNaN(Date.parse(createdAt)) ? Date.parse(createdAt) : undefined,
    })
    if (createdBy) addMembership(ctx.store, org, createdBy, ctx.config.organizations.creatorRole)
    await ctx.store.commit()
    return sendJson(event, organizationJson(ctx, org))
  }
}

function getOrg(ctx: EmulatorContext): Handler {
  return event => sendJson(event, organizationJson(ctx, organizationParam(ctx, event), queryBool(event, 'include_members_count') ?? false))
}

function updateOrg(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const org = organizationParam(ctx, event)
    const name = nullableString(body, 'name')
    const slug = nullableString(body, 'slug')
    const max = optionalInt(body, 'max_allowed_memberships', 0)
    const adminDelete = optionalBool(body, 'admin_delete_enabled')
    const next = { name: name ? checkName(name) : org.name, slug: slug ? checkSlug(ctx.store, slug, org.id) : org.slug }
    Object.assign(org, next)
    if (max !== undefined) org.max_allowed_memberships = max
    if (adminDelete !== undefined) org.admin_delete_enabled = adminDelete
    touchOrganization(org)
    await ctx.store.commit()
    return sendJson(event, organizationJson(ctx, org))
  }
}

function deleteOrg(ctx: EmulatorContext): Handler {
  return async (event) => {
    const org = organizationParam(ctx, event)
    deleteOrganization(ctx.store, org)
    await ctx.store.commit()
    await ctx.images.delete(org.image_id)
    return sendJson(event, deletedJson('organization', org.id))
  }
}

/** PATCH merges, PUT replaces, as for users (bapi/user-metadata.ts). */
function writeMetadata(ctx: EmulatorContext, mode: 'merge' | 'replace'): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const org = organizationParam(ctx, event)
    const supplied: Partial<Record<'public_metadata' | 'private_metadata', Metadata | null>> = {
      public_metadata: metadataParam(body, 'public_metadata'),
      private_metadata: metadataParam(body, 'private_metadata'),
    }
    const next = metadataChanges(org, supplied, mode)
    const oversized = oversizedKind(next)
    if (oversized) throw metadataTooLarge(oversized)
    if (Object.keys(next).length > 0) {
      Object.assign(org, next)
      touchOrganization(org)
      await ctx.store.commit()
    }
    return sendJson(event, organizationJson(ctx, org))
  }
}

function setLogo(ctx: EmulatorContext): Handler {
  return async (event) => {
    const org = organizationParam(ctx, event)
    const id = await ctx.images.put(await readImageUpload(event))
    const old = org.image_id
    org.image_id = id
    touchOrganization(org)
    await ctx.store.commit()
    await ctx.images.delete(old)
    return sendJson(event, organizationJson(ctx, org))
  }
}

function deleteLogo(ctx: EmulatorContext): Handler {
  return async (event) => {
    const org = organizationParam(ctx, event)
    const old = org.image_id
    org.image_id = null
    touchOrganization(org)
    await ctx.store.commit()
    await ctx.images.delete(old)
    return sendJson(event, organizationJson(ctx, org))
  }
}

export function organizationRoutes(ctx: EmulatorContext): BapiRoute[] {
  return organizationsOnly(ctx, [
    ['GET', '/v1/organizations', listOrganizations(ctx)],
    ['POST', '/v1/organizations', createOrg(ctx)],
    ['GET', '/v1/organizations/:id', getOrg(ctx)],
    ['PATCH', '/v1/organizations/:id', updateOrg(ctx)],
    ['DELETE', '/v1/organizations/:id', deleteOrg(ctx)],
    ['PATCH', '/v1/organizations/:id/metadata', writeMetadata(ctx, 'merge')],
    ['PUT', '/v1/organizations/:id/metadata', writeMetadata(ctx, 'replace')],
    ['PUT', '/v1/organizations/:id/logo', setLogo(ctx)],
    ['DELETE', '/v1/organizations/:id/logo', deleteLogo(ctx)],
  ])
}
