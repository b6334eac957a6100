import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, notFound, readClerkBody, sendJson } from '../http.ts'
import { allPermissions, allRoles, createPermission, createRole, customRoleOr404, findPermission, findRole } from '../organization-roles.ts'
import { deletedJson } from './json.ts'
import { page, permissionJson, roleJson } from './organization-json.ts'
import { organizationsOnly } from './organizations.ts'
import { nullableString, stringList } from './params.ts'
import { pagination, queryString } from './query.ts'
import type { BapiRoute } from './route.ts'

// The instance's organization roles and permissions: the default `org:admin` and `org:member` with
// Clerk's system permissions (fixed), and custom ones (created, changed, deleted here).

type Handler = (event: H3Event) => unknown

function list<T extends { key: string, name: string }>(items: () => T[], json: (item: T) => unknown): Handler {
  return (event) => {
    const query = queryString(event, 'query')?.toLowerCase()
    const { limit, offset } = pagination(event)
    const result = page(items().filter(item => !query || item.key.includes(query) || item.name.toLowerCase().includes(query)), offset, limit)
    return sendJson(event, { data: result.data.map(json), total_count: result.total_count })
  }
}

const param = (event: H3Event, name: string) => getRouterParam(event, name, { decode: true })

export function organizationRoleRoutes(ctx: EmulatorContext): BapiRoute[] {
  const { store } = ctx
  const roleOut = (event: H3Event, id: string) => sendJson(event, roleJson(store, findRole(store, id)!))
  const inUse = (key: string) => Object.values(store.data.organizationMemberships).some(m => m.role === key)
    || Object.values(store.data.organizationInvitations).some(i => i.role === key && i.status === 'pending')
  return organizationsOnly(ctx, [
    ['GET', '/v1/organization_roles', list(() => allRoles(store), r => roleJson(store, r))],
    ['POST', '/v1/organization_roles', async (event) => {
      const body = await readClerkBody(event)
      const created = createRole(store, { name: nullableString(body, 'name'), key: nullableString(body, 'key'), description: nullableString(body, 'description'), permissions: stringList(body, 'permissions') })
      await store.commit()
      return roleOut(event, created.id)
    }],
    ['GET', '/v1/organization_roles/:id', (event) => {
      const found = findRole(store, param(event, 'id') ?? '')
      if (!found) throw notFound('organization role')
      return sendJson(event, roleJson(store, found))
    }],
    ['PATCH', '/v1/organization_roles/:id', async (event) => {
      const body = await readClerkBody(event)
      const record = customRoleOr404(store, param(event, 'id'))
      const name = nullableString(body, 'name')
      const description = nullableString(body, 'description')
      if (body.permissions !== undefined) {
        record.permission_ids = stringList(body, 'permissions').map((ref) => {
          const permission = findPermission(store, ref)
          if (!permission) throw clerkError(422, 'form_param_value_invalid', 'permissions is invalid', `There is no permission "${ref}".`, { param_name: 'permissions' })
          return permission.id
        })
      }
      if (name) record.name = name
      if (description !== undefined) record.description = description ?? ''
      record.updated_at = Date.now()
      await store.commit()
      return roleOut(event, record.id)
    }],
    ['DELETE', '/v1/organization_roles/:id', async (event) => {
      const record = customRoleOr404(store, param(event, 'id'))
      if (inUse(record.key)) throw clerkError(422, 'organization_role_in_use', 'Role in use', 'Members or pending invitations still have this role.')
      delete store.data.organizationRoles[record.id]
      await store.commit()
      return sendJson(event, deletedJson('role', record.id))
    }],
    ...(['POST', 'DELETE'] as const).map((method): [BapiRoute['method'], string, Handler] => [method, '/v1/organization_roles/:id/permissions/:permission_id', async (event) => {
      const record = customRoleOr404(store, param(event, 'id'))
      const permission = findPermission(store, param(event, 'permission_id') ?? '')
      if (!permission) throw notFound('organization permission')
      record.permission_ids = record.permission_ids.filter(id => id !== permission.id)
      if (method === 'POST') record.permission_ids.push(permission.id)
      record.updated_at = Date.now()
      await store.commit()
      return roleOut(event, record.id)
    }]),
    ['GET', '/v1/organization_permissions', list(() => allPermissions(store), permissionJson)],
    ['POST', '/v1/organization_permissions', async (event) => {
      const body = await readClerkBody(event)
      const created = createPermission(store, { name: nullableString(body, 'name'), key: nullableString(body, 'key'), description: nullableString(body, 'description') })
      await store.commit()
      return sendJson(event, permissionJson({ ...created, type: 'user' }))
    }],
    ['GET', '/v1/organization_permissions/:id', (event) => {
      const permission = findPermission(store, param(event, 'id') ?? '')
      if (!permission) throw notFound('organization permission')
      return sendJson(event, permissionJson(permission))
    }],
    ['DELETE', '/v1/organization_permissions/:id', async (event) => {
      const record = store.data.organizationPermissions[param(event, 'id') ?? '']
      if (!record) throw notFound('organization permission')
      delete store.data.organizationPermissions[record.id]
      for (const r of Object.values(store.data.organizationRoles)) r.permission_ids = r.permission_ids.filter(id => id !== record.id)
      await store.commit()
      return sendJson(event, deletedJson('permission', record.id))
    }],
  ])
}
