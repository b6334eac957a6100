import type { Router } from 'h3'
import { registerBundleRoutes } from '../bundles.ts'
import type { EmulatorContext } from '../context.ts'
import { registerAvatarRoutes } from './avatar.ts'
import { clientRoutes } from './client.ts'
import { emailAddressRoutes } from './email-addresses.ts'
import { externalAccountRoutes } from './external-accounts.ts'
import { handshakeRoutes } from './handshake.ts'
import { meRoutes } from './me.ts'
import { phoneNumberRoutes } from './phone-numbers.ts'
import { mfaRoutes } from './mfa.ts'
import { meOrganizationRoutes } from './me-organizations.ts'
import { organizationRoutes } from './organizations.ts'
import { oauthCallbackRoutes } from './oauth-callback.ts'
import { registerOutboxRoutes } from './outbox.ts'
import { profileImageRoutes, registerImageRoutes } from './profile-image.ts'
import { mountFapiRoutes } from './route.ts'
import { sessionRoutes } from './sessions.ts'
import { signInSecondFactorRoutes } from './sign-in-second-factor.ts'
import { signInRoutes } from './sign-ins.ts'
import { signUpRoutes } from './sign-ups.ts'

export { registerOutboxRoutes } from './outbox.ts'

/**
 * The Frontend API, mounted at FAPI_PREFIX (/fapi), which apps use as Clerk's `proxyUrl`: what
 * clerk-js and its prebuilt UI call. Each module holds one resource's route table:
 *
 * - client.ts    POST /v1/dev_browser; GET|PATCH /v1/environment; GET|PUT|DELETE /v1/client;
 *                DELETE /v1/client/sessions (sign-out)
 * - sign-ups.ts  /v1/client/sign_ups[/:id[/prepare_verification|/attempt_verification]]
 * - sign-ins.ts  /v1/client/sign_ins[/:id[/prepare_first_factor|/attempt_first_factor|/reset_password]]
 * - sign-in-second-factor.ts /v1/client/sign_ins/:id/prepare_second_factor|attempt_second_factor
 * - sessions.ts  /v1/client/sessions/:id[/touch|/end|/remove|/tokens[/:template]]
 * - me.ts        /v1/me (DELETE with --allow-delete), /v1/me/metadata, /v1/me/change_password, /v1/me/sessions[/active|/:id/revoke]
 * - mfa.ts       /v1/me/totp[/attempt_verification], /v1/me/backup_codes (two-step verification)
 * - email-addresses.ts /v1/me/email_addresses[/:id[/prepare_verification|/attempt_verification]]
 * - phone-numbers.ts /v1/me/phone_numbers[/:id[/prepare_verification|/attempt_verification]]
 * - profile-image.ts POST|DELETE /v1/me/profile_image; GET /images/:id (the stored image)
 * - organizations.ts /v1/organizations[/:id[/logo|/memberships[/:user_id]|/invitations[/bulk|/:id/revoke]|/roles]]
 * - me-organizations.ts /v1/me/organization_memberships[/:org_id], /v1/me/organization_invitations[/:id/accept], /v1/me/organization_suggestions
 * - external-accounts.ts POST /v1/me/external_accounts, DELETE /v1/me/external_accounts/:id (connected accounts)
 * - oauth-callback.ts GET|POST /v1/oauth_callback (back from the provider page, ../oauth/)
 * - handshake.ts GET /v1/client/handshake (307 back to the app with the cookies to set)
 * - outbox.ts    GET /__emulator/emails, /__emulator/sms (verification codes for tests)
 * - avatar.ts, ../bundles.ts  the default avatar and the clerk-js/ui bundles, so nothing is fetched from a CDN
 */
export function registerFapiRoutes(router: Router, ctx: EmulatorContext): void {
  mountFapiRoutes(router, ctx, [
    ...clientRoutes,
    ...signUpRoutes,
    ...signInRoutes,
    ...signInSecondFactorRoutes,
    ...sessionRoutes,
    ...meRoutes,
    ...mfaRoutes,
    ...emailAddressRoutes,
    ...phoneNumberRoutes,
    ...profileImageRoutes,
    ...handshakeRoutes,
    ...organizationRoutes,
    ...meOrganizationRoutes,
    ...externalAccountRoutes,
    ...oauthCallbackRoutes,
  ])
  registerAvatarRoutes(router, ctx)
  registerImageRoutes(router, ctx)
  registerOutboxRoutes(router, ctx, '/__emulator')
  // An app whose proxyUrl is relative (/__clerk) asks its own host for the bundles under that prefix.
  registerBundleRoutes(router, ctx)
}
