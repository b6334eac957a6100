import type { UserRecord } from './store.ts'

// Where each part of the emulator is reached. Plain functions of the base URL and, for a production
// instance, the hosts it lives on; nothing here imports the context, so every layer can use them.

/** The Frontend API lives under /fapi (the apps' proxyUrl), the Backend API under /bapi (apiUrl). */
export const FAPI_PREFIX = '/fapi'
export const BAPI_PREFIX = '/bapi'
/** The Account Portal: on the emulator's own origin, so its pages call the Frontend API same-origin. */
export const PORTAL_PREFIX = '/portal'

export type PortalView = 'sign-in' | 'sign-up' | 'user'
export const PORTAL_VIEWS: readonly PortalView[] = ['sign-in', 'sign-up', 'user']

/**
 * Where a production instance lives. Clerk serves a production Frontend API at `clerk.<app domain>`
 * and sets `__client_uat` on the app domain, so the two share a registrable domain: under
 * `*.localhost` the app is `http://app.localhost:<port>`, the Frontend API `http://clerk.app.localhost:<emulator port>`.
 */
export interface ProductionHosts {
  /** The app's host (`app.localhost`): `__client_uat` is set for this domain. */
  appDomain: string
  /** The Frontend API host the publishable key encodes (`clerk.app.localhost`). */
  frontendApiHost: string
}

/** What every URL is built from; the emulator's context has both fields. */
export interface EmulatorAddress {
  /** The emulator's own base URL, e.g. http://127.0.0.1:4010 (known once it listens). */
  baseUrl: string
  /** Set for a production instance. */
  production: ProductionHosts | null
}

/** Where browsers reach the Frontend API: in production on its own host (`clerk.<app domain>`), same port. */
export function fapiUrl(at: EmulatorAddress): string {
  if (!at.production) return `${at.baseUrl}${FAPI_PREFIX}`
  const port = new URL(at.baseUrl).port
  return `http://${at.production.frontendApiHost}${port ? `:${port}` : ''}${FAPI_PREFIX}`
}

export function bapiUrl(at: EmulatorAddress): string {
  return `${at.baseUrl}${BAPI_PREFIX}`
}

export function portalUrl(at: EmulatorAddress, view: PortalView): string {
  return `${at.baseUrl}${PORTAL_PREFIX}/${view}`
}

/**
 * The emulator's default avatar, relative to the Frontend API. "avatar_placeholder" in the path is
 * what the UI's isDefaultImage() looks for (it then offers no "remove image" action).
 */
export const DEFAULT_AVATAR_PATH = '/avatar_placeholder.svg'

export function defaultAvatarUrl(at: EmulatorAddress): string {
  return `${fapiUrl(at)}${DEFAULT_AVATAR_PATH}`
}

/** An uploaded image, served by the Frontend API at /images/:id. */
export function imageUrl(at: EmulatorAddress, id: string): string {
  return `${fapiUrl(at)}/images/${id}`
}

/** The user's uploaded image, or the emulator's default avatar. */
export function userImageUrl(at: EmulatorAddress, user: UserRecord): string {
  return user.image_id ? imageUrl(at, user.image_id) : defaultAvatarUrl(at)
}

/** The emulator's stand-in social providers: one sign-in page per provider, on the emulator's own origin. */
export const OAUTH_PREFIX = '/oauth'

/** Where a provider page is: `<base>/oauth/google/authorize` (`provider` without its `oauth_`). */
export function oauthAuthorizeUrl(at: EmulatorAddress, provider: string): string {
  return `${at.baseUrl}${OAUTH_PREFIX}/${provider}/authorize`
}

/** Where a provider sends the browser back: the Frontend API's `/v1/oauth_callback`. */
export function oauthCallbackUrl(at: EmulatorAddress): string {
  return `${fapiUrl(at)}/v1/oauth_callback`
}
