import type { Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { externalAccountRoutes } from './external-accounts.ts'
import { instanceRoutes } from './instance.ts'
import { mfaRoutes } from './mfa.ts'
import { organizationInvitationRoutes } from './organization-invitations.ts'
import { organizationMembershipRoutes } from './organization-memberships.ts'
import { organizationRoleRoutes } from './organization-roles.ts'
import { organizationSettingsRoutes } from './organization-settings.ts'
import { organizationRoutes } from './organizations.ts'
import { passwordCompromisedRoutes } from './password-compromised.ts'
import { mountRoutes } from './route.ts'
import { sessionRoutes } from './sessions.ts'
import { signInTokenRoutes } from './sign-in-tokens.ts'
import { userMetadataRoutes } from './user-metadata.ts'
import { userRoutes } from './users.ts'

/** The Backend API, relative to the /bapi prefix (so `apiUrl` is `<emulator>/bapi`). */
export function registerBapiRoutes(router: Router, ctx: EmulatorContext): void {
  mountRoutes(router, ctx, [
    ...instanceRoutes(ctx),
    ...userRoutes(ctx),
    ...userMetadataRoutes(ctx),
    ...mfaRoutes(ctx),
    ...passwordCompromisedRoutes(ctx),
    ...externalAccountRoutes(ctx),
    ...sessionRoutes(ctx),
    ...signInTokenRoutes(ctx),
    ...organizationSettingsRoutes(ctx),
    ...organizationRoutes(ctx),
    ...organizationMembershipRoutes(ctx),
    ...organizationInvitationRoutes(ctx),
    ...organizationRoleRoutes(ctx),
  ])
}
