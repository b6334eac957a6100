import { readFile } from 'node:fs/promises'
import type { Store } from './store.ts'
import { buildUser, findUserByEmail, type NewUser } from './users.ts'

// `--seed <file>`: users to create on start, `{ "users": [{ "email", "password", ... }] }`.

export type SeedUser = NewUser

/** Also here for callers that build users the seed's way (the app's test support). */
export { buildUser } from './users.ts'

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
