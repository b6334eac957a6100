import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { notFound, sendJson } from '../http.ts'
import { DEFAULT_ROLES, findPermission, findRole, SYSTEM_PERMISSIONS } from '../organization-roles.ts'
import { page, permissionJson, roleJson } from './organization-json.ts'
import { organizationsOnly } from './organizations.ts'
import { pagination, queryString } from './query.ts'
import type { BapiRoute } from './route.ts'

// The instance's organization roles and permissions, read-only: a new instance's `org:admin` and
// `org:member` with Clerk's system permissions (the emulator has no custom roles).

function matching<T extends { key: string, name: string }>(event: H3Event, items: T[]): T[] {
  const query = queryString(event, 'query')?.toLowerCase()
  return items.filter(item => !query || item.key.includes(query) || item.name.toLowerCase().includes(query))
}

function list<T extends { key: string, name: string }>(items: T[], json: (item: T) => unknown) {
  return (event: H3Event) => {
    const { limit, offset } = pagination(event)
    const result = page(matching(event, items), offset, limit)
    return sendJson(event, { data: result.data.map(json), total_count: result.total_count })
  }
}

export function organizationRoleRoutes(ctx: EmulatorContext): BapiRoute[] {
  return organizationsOnly(ctx, [
    ['GET', '/v1/organization_roles', list(DEFAULT_ROLES, roleJson)],
    ['GET', '/v1/organization_roles/:id', (event) => {
      const role = findRole(getRouterParam(event, 'id', { decode: true }) ?? '')
      if (!role) throw notFound('organization role')
      return sendJson(event, roleJson(role))
    }],
    ['GET', '/v1/organization_permissions', list(SYSTEM_PERMISSIONS, permissionJson)],
    ['GET', '/v1/organization_permissions/:id', (event) => {
      const permission = findPermission(getRouterParam(event, 'id', { decode: true }) ?? '')
      if (!permission) throw notFound('organization permission')
      return sendJson(event, permissionJson(permission))
    }],
  ])
}
