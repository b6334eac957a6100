import { clerkError } from './http.ts'
import { randomBase62 } from './ids.ts'
import type { OrganizationSettings } from './instance-config.ts'
import type { Metadata, OrganizationRecord, Store } from './store.ts'

// Clerk's Organization over the store: creation (the creator becomes its first member, see
// organization-memberships.ts), lookup by id or slug, slugs, deletion with everything it owns.

export interface NewOrganization {
  name: string
  slug?: string | null
  createdBy?: string | null
  maxAllowedMemberships?: number
  publicMetadata?: Metadata
  privateMetadata?: Metadata
  createdAt?: number
}

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/
const NAME_MAX = 256

/** Every organization call is refused while the instance has organizations off, with Clerk's code. */
export function assertOrganizationsEnabled(settings: OrganizationSettings): void {
  if (!settings.enabled) {
    throw clerkError(403, 'organization_not_enabled_in_instance', 'access denied', 'The organizations feature is not enabled for this instance. Enable it with --organizations on or PATCH /v1/instance/organization_settings.')
  }
}

/** `Acme, Inc.` -> `acme-inc`, what the prebuilt UI proposes and the Backend API derives. */
export function slugFromName(name: string): string {
  return name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'organization'
}

export function findOrganization(store: Store, idOrSlug: string): OrganizationRecord | undefined {
  return store.data.organizations[idOrSlug] ?? Object.values(store.data.organizations).find(org => org.slug === idOrSlug)
}

export function getOrganizationOr404(store: Store, idOrSlug: string | undefined): OrganizationRecord {
  const org = idOrSlug ? findOrganization(store, idOrSlug) : undefined
  if (!org) throw clerkError(404, 'resource_not_found', 'not found', 'No organization was found with this id or slug.')
  return org
}

export function checkName(name: string | undefined | null): string {
  const trimmed = name?.trim()
  if (!trimmed) throw clerkError(422, 'form_param_missing', 'name must be included.', 'name must be included.', { param_name: 'name' })
  if (trimmed.length > NAME_MAX) throw clerkError(422, 'form_param_exceeds_allowed_size', 'name is too long', `name must be at most ${NAME_MAX} characters.`, { param_name: 'name' })
  return trimmed
}

/** A slug as given: the format Clerk accepts, not taken by another organization. */
export function checkSlug(store: Store, slug: string, exceptId?: string): string {
  if (!SLUG.test(slug)) {
    throw clerkError(422, 'form_param_format_invalid', 'slug is invalid', 'slug must contain only lowercase letters, numbers, dashes and underscores, and start and end with a letter or number.', { param_name: 'slug' })
  }
  if (Object.values(store.data.organizations).some(org => org.slug === slug && org.id !== exceptId)) {
    throw clerkError(422, 'form_identifier_exists', 'That slug is taken. Please try another.', 'That slug is taken. Please try another.', { param_name: 'slug' })
  }
  return slug
}

/** A slug derived from the name, made unique with a suffix when the plain one is taken. */
function derivedSlug(store: Store, name: string): string {
  const base = slugFromName(name)
  const taken = (slug: string) => Object.values(store.data.organizations).some(org => org.slug === slug)
  let slug = base
  while (taken(slug)) slug = `${base}-${randomBase62(6).toLowerCase()}`
  return slug
}

/** Builds and stores an organization (no membership: the caller adds the creator's). */
export function createOrganization(store: Store, settings: OrganizationSettings, input: NewOrganization): OrganizationRecord {
  const name = checkName(input.name)
  const slug = input.slug ? checkSlug(store, input.slug) : derivedSlug(store, name)
  const now = Date.now()
  const org: OrganizationRecord = {
    id: store.newId('org'),
    name,
    slug,
    image_id: null,
    public_metadata: input.publicMetadata ?? {},
    private_metadata: input.privateMetadata ?? {},
    max_allowed_memberships: input.maxAllowedMemberships ?? settings.maxAllowedMemberships,
    admin_delete_enabled: settings.adminDelete,
    created_by: input.createdBy ?? null,
    created_at: input.createdAt ?? now,
    updated_at: now,
  }
  store.data.organizations[org.id] = org
  return org
}

/** Deletes an organization, its memberships and invitations; sessions it was active in fall back to none. No commit. */
export function deleteOrganization(store: Store, org: OrganizationRecord): void {
  delete store.data.organizations[org.id]
  for (const m of Object.values(store.data.organizationMemberships)) {
    if (m.organization_id === org.id) delete store.data.organizationMemberships[m.id]
  }
  for (const inv of Object.values(store.data.organizationInvitations)) {
    if (inv.organization_id === org.id) delete store.data.organizationInvitations[inv.id]
  }
  for (const session of Object.values(store.data.sessions)) {
    if (session.last_active_organization_id === org.id) session.last_active_organization_id = null
  }
}

export function touchOrganization(org: OrganizationRecord): void {
  org.updated_at = Math.max(Date.now(), org.updated_at + 1)
}
