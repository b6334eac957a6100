import type { EmulatorContext } from './context.ts'
import { dropTotpEnrollment } from './mfa.ts'
import { removeUserMemberships } from './organization-memberships.ts'
import { hashPassword } from './passwords.ts'
import { normalizePhoneNumber, phoneNumbersOf } from './phone-numbers.ts'
import { endUserSessions } from './sessions.ts'
import type { Metadata, Store, UserRecord } from './store.ts'

// Clerk's User over the store: creation, the lookups both APIs share, deletion.

/** What a new user starts with (Backend API create, sign-up, seed file); its identifiers start verified. */
export interface NewUser {
  email?: string
  /** E.164. */
  phoneNumber?: string
  username?: string
  password?: string
  firstName?: string
  lastName?: string
  publicMetadata?: Metadata
  privateMetadata?: Metadata
  unsafeMetadata?: Metadata
}

/** Builds a user record the same way every creation path does; the caller stores it. */
export async function buildUser(store: Store, input: NewUser): Promise<UserRecord> {
  const now = Date.now()
  const emailId = input.email ? store.newId('idn') : null
  const phoneId = input.phoneNumber ? store.newId('idn') : null
  return {
    id: store.newId('user'),
    first_name: input.firstName ?? null,
    last_name: input.lastName ?? null,
    username: input.username ?? null,
    email_addresses: emailId ? [{ id: emailId, email_address: input.email!.toLowerCase(), verified: true, created_at: now, updated_at: now }] : [],
    primary_email_address_id: emailId,
    phone_numbers: phoneId ? [{ id: phoneId, phone_number: input.phoneNumber!, verified: true, created_at: now, updated_at: now }] : [],
    primary_phone_number_id: phoneId,
    password_digest: input.password ? await hashPassword(input.password) : null,
    public_metadata: input.publicMetadata ?? {},
    private_metadata: input.privateMetadata ?? {},
    unsafe_metadata: input.unsafeMetadata ?? {},
    banned: false,
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
    last_active_at: null,
  }
}

/** The user holding this address, verified or not. */
export function findUserByEmail(store: Store, email: string): UserRecord | undefined {
  const wanted = email.trim().toLowerCase()
  return Object.values(store.data.users).find(u => u.email_addresses.some(e => e.email_address === wanted))
}

/** The user a sign-in identifier names: a verified email address or phone number, or the username. */
export function findUserByIdentifier(store: Store, identifier: string): UserRecord | undefined {
  const wanted = identifier.trim().toLowerCase()
  if (!wanted) return undefined
  const phone = normalizePhoneNumber(identifier)
  return Object.values(store.data.users).find(user =>
    // An address or number added but never verified is not yet a way to sign in.
    user.email_addresses.some(e => e.verified && e.email_address.toLowerCase() === wanted)
    || (phone !== null && phoneNumbersOf(user).some(p => p.verified && p.phone_number === phone))
    || (user.username !== null && user.username.toLowerCase() === wanted))
}

export function isPhoneNumberTaken(store: Store, phone: string, exceptUserId?: string): boolean {
  return Object.values(store.data.users).some(u => u.id !== exceptUserId && phoneNumbersOf(u).some(p => p.phone_number === phone))
}

export function isEmailTaken(store: Store, email: string, exceptUserId?: string): boolean {
  const wanted = email.toLowerCase()
  return Object.values(store.data.users).some(u => u.id !== exceptUserId && u.email_addresses.some(e => e.email_address === wanted))
}

export function isUsernameTaken(store: Store, username: string, exceptUserId?: string): boolean {
  const wanted = username.toLowerCase()
  return Object.values(store.data.users).some(u => u.id !== exceptUserId && u.username?.toLowerCase() === wanted)
}

export function isExternalIdTaken(store: Store, externalId: string, exceptUserId?: string): boolean {
  return Object.values(store.data.users).some(u => u.id !== exceptUserId && u.external_id === externalId)
}

/** Deletes a user as both APIs do: sessions removed, pending sign-in tokens revoked, image dropped; commits. */
export async function removeUser(ctx: EmulatorContext, user: UserRecord): Promise<void> {
  const now = Date.now()
  delete ctx.store.data.users[user.id]
  endUserSessions(ctx.store, user.id, 'removed')
  removeUserMemberships(ctx.store, user.id)
  for (const token of Object.values(ctx.store.data.signInTokens)) {
    if (token.user_id === user.id && token.status === 'pending') {
      token.status = 'revoked'
      token.updated_at = now
    }
  }
  for (const identification of [...user.email_addresses, ...phoneNumbersOf(user)]) delete ctx.store.data.emailCodes[identification.id]
  dropTotpEnrollment(ctx.store, user)
  await ctx.store.commit()
  await ctx.images.delete(user.image_id)
}
