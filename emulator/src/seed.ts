import { readFile } from 'node:fs/promises'
import { hashPassword } from './passwords.ts'
import type { Metadata, Store, UserRecord } from './store.ts'

export interface SeedUser {
  email: string
  password?: string
  firstName?: string
  lastName?: string
  publicMetadata?: Metadata
  privateMetadata?: Metadata
  unsafeMetadata?: Metadata
}

/** Builds a user record the same way every creation path does (BAPI create, sign-up, seed). */
export async function buildUser(store: Store, input: SeedUser): Promise<UserRecord> {
  const now = Date.now()
  const emailId = store.newId('idn')
  return {
    id: store.newId('user'),
    first_name: input.firstName ?? null,
    last_name: input.lastName ?? null,
    username: null,
    email_addresses: [{ id: emailId, email_address: input.email.toLowerCase(), verified: true, created_at: now, updated_at: now }],
    primary_email_address_id: emailId,
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

export function findUserByEmail(store: Store, email: string): UserRecord | undefined {
  const wanted = email.trim().toLowerCase()
  return Object.values(store.data.users).find(u => u.email_addresses.some(e => e.email_address === wanted))
}

/** Creates the seed file's users that do not exist yet (matched by email), so re-seeding is idempotent. */
export async function applySeed(store: Store, file: string): Promise<number> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { users?: SeedUser[] }
  let created = 0
  for (const entry of parsed.users ?? []) {
    if (!entry.email || findUserByEmail(store, entry.email)) continue
    const user = await buildUser(store, entry)
    store.data.users[user.id] = user
    created++
  }
  if (created) await store.commit()
  return created
}
