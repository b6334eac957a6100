import type { EmulatorContext } from './context.ts'
import { endUserSessions } from './sessions.ts'
import type { UserRecord } from './store.ts'

/** Deletes a user as both APIs do: sessions removed, pending sign-in tokens revoked, image dropped; commits. */
export async function removeUser(ctx: EmulatorContext, user: UserRecord): Promise<void> {
  const now = Date.now()
  delete ctx.store.data.users[user.id]
  endUserSessions(ctx.store, user.id, 'removed')
  for (const token of Object.values(ctx.store.data.signInTokens)) {
    if (token.user_id === user.id && token.status === 'pending') {
      token.status = 'revoked'
      token.updated_at = now
    }
  }
  for (const email of user.email_addresses) delete ctx.store.data.emailCodes[email.id]
  await ctx.store.commit()
  await ctx.images.delete(user.image_id)
}
