import { buildUser } from '../../emulator/src/seed.ts'
import { newSessionRecord } from '../../emulator/src/sessions.ts'
import type { ClientRecord, Metadata } from '../../emulator/src/store.ts'
import { mintSessionToken } from '../../emulator/src/tokens.ts'
import type { RunningEmulator } from '../../emulator/src/index.ts'

let counter = 0

export interface TestSession {
  userId: string
  sessionId: string
  email: string
  /** A fresh session token, as clerk-js would hold it (azp = the app's origin); `template` replaces the instance's claims template. */
  token: (options?: { origin?: string, ttlSeconds?: number, now?: number, template?: Record<string, unknown> }) => Promise<string>
}

/**
 * A signed-in user without a browser: the user, client and session records are written into the
 * emulator's store (as a completed sign-in would) and tokens are minted with the instance's key.
 * The browser journeys sign in through Clerk's real UI instead.
 */
export async function createSignedInUser(emulator: RunningEmulator, appUrl: string, publicMetadata: Metadata = {}): Promise<TestSession> {
  const { store, keys, ctx } = emulator
  const email = `user${Date.now()}-${counter++}@example.com`
  const user = await buildUser(store, { email, password: 'correct-horse-battery', publicMetadata })
  store.data.users[user.id] = user
  const now = Date.now()
  const client: ClientRecord = {
    id: store.newId('client'), session_ids: [], sign_in_id: null, sign_up_id: null,
    last_active_session_id: null, created_at: now, updated_at: now,
  }
  const session = newSessionRecord(store, client.id, user.id, now)
  client.session_ids.push(session.id)
  client.last_active_session_id = session.id
  store.data.clients[client.id] = client
  store.data.sessions[session.id] = session
  await store.commit()
  return {
    userId: user.id,
    sessionId: session.id,
    email,
    token: async (options = {}) => (await mintSessionToken({
      keys,
      user: store.data.users[user.id]!,
      session: store.data.sessions[session.id]!,
      origin: options.origin ?? appUrl,
      template: options.template ?? ctx.config.sessionToken.claims,
      ttlSeconds: options.ttlSeconds ?? ctx.config.sessionToken.lifetimeSeconds,
      now: options.now,
    })).jwt,
  }
}
