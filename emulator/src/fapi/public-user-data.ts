import type { EmulatorContext } from '../context.ts'
import { phoneNumbersOf } from '../phone-numbers.ts'
import type { UserRecord } from '../store.ts'
import { userImageUrl } from '../urls.ts'

// Client.PublicUserData: what the Frontend API shows of a user beside a session or a membership.

function primaryEmail(user: UserRecord): string {
  return user.email_addresses.find(e => e.id === user.primary_email_address_id)?.email_address
    ?? user.email_addresses[0]?.email_address
    ?? phoneNumbersOf(user).find(p => p.id === user.primary_phone_number_id)?.phone_number
    ?? user.username
    ?? ''
}

export function publicUserDataJson(ctx: EmulatorContext, user: UserRecord): Record<string, unknown> {
  return {
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: userImageUrl(ctx, user),
    has_image: Boolean(user.image_id),
    identifier: primaryEmail(user),
    user_id: user.id,
    username: user.username,
  }
}
