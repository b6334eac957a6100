import type { H3Event } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, readClerkBody, sendJson } from '../http.ts'
import { findRole } from '../organization-roles.ts'
import { organizationSettingsJson } from './organization-json.ts'
import { nullableString, optionalBool, optionalInt } from './params.ts'
import type { BapiRoute } from './route.ts'

// Organizations → Settings through the Backend API, as on Clerk: `GET|PATCH
// /v1/instance/organization_settings`. A change applies to the running instance (ctx.config) at once.

function update(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const body = await readClerkBody(event)
    const settings = ctx.config.organizations
    const enabled = optionalBool(body, 'enabled')
    const max = optionalInt(body, 'max_allowed_memberships', 0)
    const adminDelete = optionalBool(body, 'admin_delete_enabled')
    const slugDisabled = optionalBool(body, 'slug_disabled')
    const creatorRole = nullableString(body, 'creator_role_id')
    const role = creatorRole ? findRole(ctx.store, creatorRole) : undefined
    if (creatorRole && !role?.isCreatorEligible) {
      throw clerkError(422, 'form_param_value_invalid', 'creator_role_id is invalid', 'creator_role_id must name a role that may create organizations (org:admin).', { param_name: 'creator_role_id' })
    }
    if (enabled !== undefined) settings.enabled = enabled
    if (max !== undefined) settings.maxAllowedMemberships = max
    if (adminDelete !== undefined) settings.adminDelete = adminDelete
    if (slugDisabled !== undefined) settings.slugDisabled = slugDisabled
    if (role) settings.creatorRole = role.key
    return sendJson(event, organizationSettingsJson(settings))
  }
}

export function organizationSettingsRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'GET', path: '/v1/instance/organization_settings', handler: event => sendJson(event, organizationSettingsJson(ctx.config.organizations)) },
    { method: 'PATCH', path: '/v1/instance/organization_settings', handler: update(ctx) },
  ]
}
