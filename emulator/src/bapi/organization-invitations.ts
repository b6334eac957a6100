import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { readClerkBody, readClerkList, sendJson } from '../http.ts'
import { createInvitations, getInvitationOr404, invitationsForUser, invitationStatus, revokeInvitation, type NewInvitation } from '../organization-invitations.ts'
import type { OrganizationInvitationRecord } from '../store.ts'
import { metadataParam, nullableString, optionalInt } from './params.ts'
import { invitationJson, page } from './organization-json.ts'
import { organizationParam, organizationsOnly } from './organizations.ts'
import { pagination, queryList } from './query.ts'
import type { BapiRoute } from './route.ts'
import { getUserOr404 } from './users.ts'

// Organization invitations on the Backend API: create (one or a bulk array), list, get, revoke,
// and a user's invitations. They are accepted through the Frontend API (fapi/me-organizations.ts).

type Handler = (event: H3Event) => unknown

function invitationInput(ctx: EmulatorContext, body: Record<string, unknown>): NewInvitation {
  const inviterId = nullableString(body, 'inviter_user_id') || null
  if (inviterId) getUserOr404(ctx, inviterId)
  return {
    emailAddress: nullableString(body, 'email_address') ?? undefined,
    role: nullableString(body, 'role') ?? undefined,
    inviterId,
    publicMetadata: metadataParam(body, 'public_metadata') ?? {},
    privateMetadata: metadataParam(body, 'private_metadata') ?? {},
    redirectUrl: nullableString(body, 'redirect_url') || null,
    expiresInDays: optionalInt(body, 'expires_in_days', 1, 365),
  }
}

/** `?status=` (repeatable) keeps those statuses; an expired pending invitation reads `expired`. */
function byStatus(event: H3Event, invitations: OrganizationInvitationRecord[]): OrganizationInvitationRecord[] {
  const statuses = new Set(queryList(event, 'status'))
  return invitations.filter(inv => !statuses.size || statuses.has(invitationStatus(inv)))
}

function respondList(ctx: EmulatorContext, event: H3Event, invitations: OrganizationInvitationRecord[], withOrganization = false) {
  const { limit, offset } = pagination(event)
  const result = page(invitations, offset, limit)
  return sendJson(event, { data: result.data.map(inv => invitationJson(ctx, inv, withOrganization)), total_count: result.total_count })
}

function ofOrganization(ctx: EmulatorContext, event: H3Event): OrganizationInvitationRecord[] {
  const org = organizationParam(ctx, event)
  return Object.values(ctx.store.data.organizationInvitations).filter(inv => inv.organization_id === org.id).sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id))
}

function create(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const org = organizationParam(ctx, event)
    const [invitation] = createInvitations(ctx.store, org, [invitationInput(ctx, body)])
    await ctx.store.commit()
    return sendJson(event, invitationJson(ctx, invitation!))
  }
}

/** The body is a JSON array of invitations; all are checked before any is stored. */
function createBulk(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkList(event)
    const org = organizationParam(ctx, event)
    const created = createInvitations(ctx.store, org, body.map(item => invitationInput(ctx, item)))
    await ctx.store.commit()
    return sendJson(event, { data: created.map(inv => invitationJson(ctx, inv)), total_count: created.length })
  }
}

function revoke(ctx: EmulatorContext): Handler {
  return async (event) => {
    const body = await readClerkBody(event)
    const inv = getInvitationOr404(ctx.store, organizationParam(ctx, event).id, getRouterParam(event, 'invitation_id', { decode: true }))
    const requester = nullableString(body, 'requesting_user_id')
    if (requester) getUserOr404(ctx, requester)
    revokeInvitation(inv)
    await ctx.store.commit()
    return sendJson(event, invitationJson(ctx, inv))
  }
}

export function organizationInvitationRoutes(ctx: EmulatorContext): BapiRoute[] {
  return organizationsOnly(ctx, [
    ['GET', '/v1/organizations/:id/invitations', event => respondList(ctx, event, byStatus(event, ofOrganization(ctx, event)))],
    ['POST', '/v1/organizations/:id/invitations', create(ctx)],
    ['POST', '/v1/organizations/:id/invitations/bulk', createBulk(ctx)],
    ['GET', '/v1/organizations/:id/invitations/pending', event => respondList(ctx, event, ofOrganization(ctx, event).filter(inv => invitationStatus(inv) === 'pending'))],
    ['GET', '/v1/organizations/:id/invitations/:invitation_id', event => sendJson(event, invitationJson(ctx, getInvitationOr404(ctx.store, organizationParam(ctx, event).id, getRouterParam(event, 'invitation_id', { decode: true }))))],
    ['POST', '/v1/organizations/:id/invitations/:invitation_id/revoke', revoke(ctx)],
    ['GET', '/v1/users/:id/organization_invitations', event => respondList(ctx, event, byStatus(event, invitationsForUser(ctx.store, getUserOr404(ctx, getRouterParam(event, 'id')))), true)],
  ])
}
