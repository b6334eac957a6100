import { clerkJsUrl, clerkUiUrl } from '../bundles.ts'
import type { EmulatorContext } from '../context.ts'
import { fapiUrl, PORTAL_PREFIX, portalUrl, type PortalView } from '../urls.ts'

// One HTML page per portal view: the offline clerk-js and @clerk/ui bundles, then portal.js, which
// reads its settings from a JSON data block. No inline script or handler, so the page runs under
// the strict Content-Security-Policy that routes.ts sends.

const TITLES: Record<PortalView, string> = { 'sign-in': 'Sign in', 'sign-up': 'Sign up', 'user': 'Account' }

/** What portal.js needs; `allowedOrigins: null` means "any loopback origin", as the Frontend API's CORS. */
export interface PortalConfig {
  view: PortalView
  signInUrl: string
  signUpUrl: string
  userProfileUrl: string
  allowedOrigins: string[] | null
}

export function portalConfig(ctx: EmulatorContext, view: PortalView): PortalConfig {
  return {
    view,
    signInUrl: portalUrl(ctx, 'sign-in'),
    signUpUrl: portalUrl(ctx, 'sign-up'),
    userProfileUrl: portalUrl(ctx, 'user'),
    allowedOrigins: ctx.config.allowedOrigins.length > 0 ? [...ctx.config.allowedOrigins] : null,
  }
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** JSON inside <script type="application/json">: `<` escaped so no value can close the element. */
const jsonBlock = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')

export function portalPage(ctx: EmulatorContext, view: PortalView): string {
  const data = `data-clerk-publishable-key="${escapeAttribute(ctx.keys.publishableKey)}" data-clerk-proxy-url="${escapeAttribute(fapiUrl(ctx))}" crossorigin="anonymous"`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${TITLES[view]} · Clerk emulator</title>
<link rel="stylesheet" href="${PORTAL_PREFIX}/portal.css">
<script type="application/json" id="clerk-portal-config">${jsonBlock(portalConfig(ctx, view))}</script>
</head>
<body>
<main id="clerk-portal"></main>
<script src="${escapeAttribute(clerkJsUrl(ctx))}" ${data}></script>
<script src="${escapeAttribute(clerkUiUrl(ctx))}" ${data}></script>
<script src="${PORTAL_PREFIX}/portal.js"></script>
</body>
</html>
`
}
