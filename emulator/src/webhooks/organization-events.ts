import type { OrganizationInvitationRecord, OrganizationMembershipRecord, OrganizationRecord, StoreData } from '../store.ts'

// Clerk's organization, membership and invitation events, found the way events.ts finds the
// others: by comparing each commit's records with the previous commit's.

export type OrganizationEventType = 'organization.created' | 'organization.updated' | 'organization.deleted'
  | 'organizationMembership.created' | 'organizationMembership.updated' | 'organizationMembership.deleted'
  | 'organizationInvitation.created' | 'organizationInvitation.accepted' | 'organizationInvitation.revoked'

/** The Backend API's JSON for each (index.ts passes bapi/organization-json.ts's). */
export interface OrganizationEventJson {
  organization: (org: OrganizationRecord) => unknown
  membership: (membership: OrganizationMembershipRecord) => unknown
  invitation: (invitation: OrganizationInvitationRecord) => Record<string, unknown>
  deleted: (object: string, id: string) => unknown
}

interface Seen<R> {
  print: string
  record: R
  /** Rendered while the records it refers to still existed: a deletion event carries it. */
  json: unknown
}

type Diff<R> = { created: R[], updated: { before: R, after: R }[], deleted: Seen<R>[] }

/** One collection's records as of the last commit. */
class Tracked<R extends { id: string }> {
  #seen = new Map<string, Seen<R>>()
  readonly #render: (record: R) => unknown

  constructor(render: (record: R) => unknown) {
    this.#render = render
  }

  rebase(records: Record<string, R>): void {
    this.#seen = new Map(Object.values(records).map(r => [r.id, this.#entry(r)]))
  }

  diff(records: Record<string, R>): Diff<R> {
    const out: Diff<R> = { created: [], updated: [], deleted: [] }
    const next = new Map<string, Seen<R>>()
    for (const record of Object.values(records)) {
      const before = this.#seen.get(record.id)
      const print = JSON.stringify(record)
      if (before?.print === print) {
        next.set(record.id, before)
        continue
      }
      next.set(record.id, this.#entry(record, print))
      if (before) out.updated.push({ before: before.record, after: record })
      else out.created.push(record)
    }
    for (const [id, seen] of this.#seen) if (!next.has(id)) out.deleted.push(seen)
    this.#seen = next
    return out
  }

  #entry(record: R, print = JSON.stringify(record)): Seen<R> {
    return { print, record: structuredClone(record), json: this.#render(record) }
  }
}

export interface OrganizationChange {
  type: OrganizationEventType
  data: unknown
}

export class OrganizationFeed {
  readonly #json: OrganizationEventJson
  readonly #organizations: Tracked<OrganizationRecord>
  readonly #memberships: Tracked<OrganizationMembershipRecord>
  readonly #invitations: Tracked<OrganizationInvitationRecord>

  constructor(json: OrganizationEventJson) {
    this.#json = json
    this.#organizations = new Tracked(json.organization)
    this.#memberships = new Tracked(json.membership)
    this.#invitations = new Tracked(json.invitation)
  }

  rebase(data: StoreData): void {
    this.#organizations.rebase(data.organizations)
    this.#memberships.rebase(data.organizationMemberships)
    this.#invitations.rebase(data.organizationInvitations)
  }

  /** Creations first (an organization before its members), deletions last (members before their organization). */
  diff(data: StoreData): { first: OrganizationChange[], last: OrganizationChange[] } {
    const orgs = this.#organizations.diff(data.organizations)
    const members = this.#memberships.diff(data.organizationMemberships)
    const invitations = this.#invitations.diff(data.organizationInvitations)
    const first: OrganizationChange[] = [
      ...orgs.created.map(o => ({ type: 'organization.created' as const, data: this.#json.organization(o) })),
      ...orgs.updated.map(({ after }) => ({ type: 'organization.updated' as const, data: this.#json.organization(after) })),
      ...members.created.map(m => ({ type: 'organizationMembership.created' as const, data: this.#json.membership(m) })),
      ...members.updated.map(({ after }) => ({ type: 'organizationMembership.updated' as const, data: this.#json.membership(after) })),
      ...invitations.created.map(i => ({ type: 'organizationInvitation.created' as const, data: this.#json.invitation(i) })),
      ...invitations.updated.flatMap(({ before, after }) => this.#invitationAnswer(before, after, data)),
    ]
    const last: OrganizationChange[] = [
      ...members.deleted.map(m => ({ type: 'organizationMembership.deleted' as const, data: m.json })),
      ...orgs.deleted.map(o => ({ type: 'organization.deleted' as const, data: this.#json.deleted('organization', o.record.id) })),
    ]
    return { first, last }
  }

  #invitationAnswer(before: OrganizationInvitationRecord, after: OrganizationInvitationRecord, data: StoreData): OrganizationChange[] {
    if (before.status === after.status) return []
    if (after.status === 'revoked') return [{ type: 'organizationInvitation.revoked', data: this.#json.invitation(after) }]
    if (after.status !== 'accepted') return []
    // Clerk adds the id of the user who accepted.
    const user = Object.values(data.users).find(u => u.email_addresses.some(e => e.email_address === after.email_address))
    return [{ type: 'organizationInvitation.accepted', data: { ...this.#json.invitation(after), user_id: user?.id ?? null } }]
  }
}
