import { eventHandler, setResponseHeader, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { DEFAULT_AVATAR_PATH } from '../urls.ts'

// Clerk gives every user a default avatar URL on its image CDN; the emulator serves its own so the
// UI never reaches the internet.

const SILHOUETTE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#c7c7cf"/><circle cx="32" cy="25" r="12" fill="#f4f4f5"/><path d="M10 60c2-13 11-20 22-20s20 7 22 20z" fill="#f4f4f5"/></svg>`

export function registerAvatarRoutes(router: Router, _ctx: EmulatorContext): void {
  router.get(DEFAULT_AVATAR_PATH, eventHandler((event) => {
    // The UI's <img> is crossorigin="anonymous".
    setResponseHeader(event, 'access-control-allow-origin', '*')
    setResponseHeader(event, 'content-type', 'image/svg+xml')
    setResponseHeader(event, 'cache-control', 'public, max-age=86400')
    return SILHOUETTE
  }))
}
