import { clerkError } from '../http.ts'
import { acceptInvitation, invitationsForUser, invitationStatus } from '../organization-invitations.ts'
import { getMembershipOr404, removeMembership, userMemberships } from '../organization-memberships.ts'
import { assertOrganizationsEnabled } from '../organizations.ts'
import { invitationJson, membershipJson } from './organization-json.ts'
import { listResponse, respond } from './organizations.ts'
import { me } from './me.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'

// The signed-in user's side of organizations (<OrganizationSwitcher/>, <OrganizationList/>, the
// choose-organization task): their memberships, leaving one, invitations and suggestions.

function signedInMember(req: FapiRequest) {
  assertOrganizationsEnabled(req.ctx.config.organizations)
  return me(req)
}

export const meOrganizationRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/me/organization_memberships', handler: (req) => {
    const current = signedInMember(req)
    return respond(req, current, listResponse(req, userMemberships(req.store, current.user.id), m => membershipJson(req.ctx, m)))
  } },

  // Leaving: the last admin cannot (organization-memberships.ts).
  { method: 'DELETE', path: '/v1/me/organization_memberships/:id', handler: (req) => {
    const current = signedInMember(req)
    const membership = getMembershipOr404(req.store, req.params.id ?? '', current.user.id)
    removeMembership(req.store, membership)
    return respond(req, current, { object: 'organization_membership', id: membership.id, deleted: true })
  } },

  { method: 'GET', path: '/v1/me/organization_invitations', handler: (req) => {
    const current = signedInMember(req)
    const statuses = req.query.getAll('status')
    const invitations = invitationsForUser(req.store, current.user).filter(inv => !statuses.length || statuses.includes(invitationStatus(inv)))
    return respond(req, current, listResponse(req, invitations, inv => invitationJson(req.ctx, inv)))
  } },

  { method: 'POST', path: '/v1/me/organization_invitations/:id/accept', handler: (req) => {
    const current = signedInMember(req)
    const inv = req.store.data.organizationInvitations[req.params.id ?? '']
    if (!inv) throw clerkError(404, 'resource_not_found', 'not found', 'No pending invitation with this id exists for this user.')
    acceptInvitation(req.store, inv, current.user)
    return respond(req, current, invitationJson(req.ctx, inv))
  } },

  // Suggestions come from verified domains, which the emulator does not have.
  { method: 'GET', path: '/v1/me/organization_suggestions', handler: (req) => {
    const current = signedInMember(req)
    return respond(req, current, listResponse(req, [], () => null))
  } },
]
