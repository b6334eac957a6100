import type { EmulatorContext } from '../context.ts'

// Where the Account Portal lives: under /portal on the emulator's own origin, so its pages call the
// Frontend API same-origin and the app's cross-origin redirects carry the dev-browser token to it.

export const PORTAL_PREFIX = '/portal'

export type PortalView = 'sign-in' | 'sign-up' | 'user'

export const PORTAL_VIEWS: readonly PortalView[] = ['sign-in', 'sign-up', 'user']

export function portalUrl(ctx: EmulatorContext, view: PortalView): string {
  return `${ctx.baseUrl}${PORTAL_PREFIX}/${view}`
}
