import { normalizeEmailAddress } from './email-addresses.ts'
import { clerkError } from './http.ts'
import { addMembership, assertRoomFor, checkRole, findMembership, isPendingInvitation } from './organization-memberships.ts'
import type { Metadata, OrganizationInvitationRecord, OrganizationRecord, Store, UserRecord } from './store.ts'

// Invitations to an organization: created by an admin (either API), accepted by the invited user
// through the Frontend API, revoked by an admin. The emulator sends no e-mail for them.

const DAY_MS = 24 * 60 * 60 * 1000

export interface NewInvitation {
  emailAddress: string | undefined
  role: string | undefined
  inviterId?: string | null
  publicMetadata?: Metadata
  privateMetadata?: Metadata
  redirectUrl?: string | null
  /** Clerk's default: 30 days. */
  expiresInDays?: number
}

export function pendingInvitations(store: Store, organizationId: string, now = Date.now()): OrganizationInvitationRecord[] {
  return Object.values(store.data.organizationInvitations).filter(inv => inv.organization_id === organizationId && invitationStatus(inv, now) === 'pending')
}

/** An unanswered invitation past its expiry reads as `expired`. */
export function invitationStatus(inv: OrganizationInvitationRecord, now = Date.now()): OrganizationInvitationRecord['status'] | 'expired' {
  return inv.status === 'pending' && !isPendingInvitation(inv, now) ? 'expired' : inv.status
}

function userWithEmail(store: Store, email: string): UserRecord | undefined {
  return Object.values(store.data.users).find(u => u.email_addresses.some(e => e.verified && e.email_address === email))
}

/** Checks a batch first and then stores all of it, so a bad address in a bulk call creates nothing. */
export function createInvitations(store: Store, org: OrganizationRecord, inputs: NewInvitation[]): OrganizationInvitationRecord[] {
  const checked = inputs.map((input) => {
    const email = normalizeEmailAddress(input.emailAddress ?? '')
    if (!input.emailAddress) throw clerkError(422, 'form_param_missing', 'email_address must be included.', 'email_address must be included.', { param_name: 'email_address' })
    if (!email) throw clerkError(422, 'form_param_format_invalid', 'email_address must be a valid email address.', `${input.emailAddress} is not a valid email address.`, { param_name: 'email_address' })
    const member = userWithEmail(store, email)
    if (member && findMembership(store, org.id, member.id)) {
      throw clerkError(422, 'already_a_member_in_organization', `${email} is already a member of the organization.`, `${email} is already a member of the organization.`, { param_name: 'email_address', email_addresses: [email] })
    }
    const days = input.expiresInDays ?? 30
    if (!Number.isInteger(days) || days < 1 || days > 365) throw clerkError(422, 'form_param_format_invalid', 'expires_in_days is invalid', 'expires_in_days must be an integer between 1 and 365.', { param_name: 'expires_in_days' })
    return { input, email, role: checkRole(store, input.role), days }
  })
  assertRoomFor(store, org, checked.length)
  const now = Date.now()
  return checked.map(({ input, email, role, days }) => {
    // A new invitation to the same address replaces the pending one.
    for (const old of pendingInvitations(store, org.id, now)) {
      if (old.email_address === email) Object.assign(old, { status: 'revoked', updated_at: now })
    }
    const invitation: OrganizationInvitationRecord = {
      id: store.newId('orginv'),
      organization_id: org.id,
      email_address: email,
      role,
      status: 'pending',
      inviter_id: input.inviterId ?? null,
      public_metadata: input.publicMetadata ?? {},
      private_metadata: input.privateMetadata ?? {},
      redirect_url: input.redirectUrl ?? null,
      expires_at: now + days * DAY_MS,
      created_at: now,
      updated_at: now,
    }
    store.data.organizationInvitations[invitation.id] = invitation
    return invitation
  })
}

export function getInvitationOr404(store: Store, organizationId: string, id: string | undefined): OrganizationInvitationRecord {
  const inv = id ? store.data.organizationInvitations[id] : undefined
  if (!inv || inv.organization_id !== organizationId) throw clerkError(404, 'resource_not_found', 'not found', 'No invitation with this id exists in this organization.')
  return inv
}

export function revokeInvitation(inv: OrganizationInvitationRecord): void {
  if (invitationStatus(inv) !== 'pending') throw clerkError(400, 'organization_invitation_not_pending', 'Invitation is not pending', 'Only a pending invitation can be revoked.')
  inv.status = 'revoked'
  inv.updated_at = Date.now()
}

/** The invitations waiting for a user: pending ones to any of their verified addresses. */
export function invitationsForUser(store: Store, user: UserRecord): OrganizationInvitationRecord[] {
  const emails = new Set(user.email_addresses.filter(e => e.verified).map(e => e.email_address))
  return Object.values(store.data.organizationInvitations).filter(inv => emails.has(inv.email_address)).sort((a, b) => b.created_at - a.created_at)
}

/** The invited user joins with the invitation's role. No commit. */
export function acceptInvitation(store: Store, inv: OrganizationInvitationRecord, user: UserRecord): void {
  if (invitationStatus(inv) !== 'pending' || !invitationsForUser(store, user).includes(inv)) {
    throw clerkError(404, 'resource_not_found', 'not found', 'No pending invitation with this id exists for this user.')
  }
  const org = store.data.organizations[inv.organization_id]
  if (!org) throw clerkError(404, 'resource_not_found', 'not found', 'The organization no longer exists.')
  // The invitation already holds a seat: count it out before adding the member.
  inv.status = 'accepted'
  inv.updated_at = Date.now()
  try {
    addMembership(store, org, user.id, inv.role)
  }
  catch (error) {
    inv.status = 'pending'
    throw error
  }
}
