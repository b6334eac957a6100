import type { Router } from 'h3'
import { registerBundleRoutes } from '../bundles.ts'
import type { EmulatorContext } from '../context.ts'
import { registerAvatarRoutes } from './avatar.ts'
import { registerClientRoutes } from './client.ts'
import { registerHandshakeRoutes } from './handshake.ts'
import { registerMeRoutes } from './me.ts'
import { registerOutboxRoutes } from './outbox.ts'
import { registerSessionRoutes } from './sessions.ts'
import { registerSignInRoutes } from './signIns.ts'
import { registerSignUpRoutes } from './signUps.ts'

export { registerOutboxRoutes } from './outbox.ts'

/** The Frontend API, mounted at ctx.fapiPrefix (/fapi): what clerk-js and its prebuilt UI call. */
export function registerFapiRoutes(router: Router, ctx: EmulatorContext): void {
  registerClientRoutes(router, ctx)
  registerSignUpRoutes(router, ctx)
  registerSignInRoutes(router, ctx)
  registerSessionRoutes(router, ctx)
  registerMeRoutes(router, ctx)
  registerHandshakeRoutes(router, ctx)
  registerAvatarRoutes(router, ctx)
  // Test hook for reading verification codes; app.ts may also mount it on /__emulator.
  registerOutboxRoutes(router, ctx, '/__emulator')
  // An app whose proxyUrl is relative (/__clerk) asks its own host for the bundles, under that prefix.
  registerBundleRoutes(router, ctx)
}
