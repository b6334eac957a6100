import { eventHandler, setResponseHeader, type Router } from 'h3'
import { fapiUrl, type EmulatorContext } from '../context.ts'

// Clerk gives every user a default avatar URL on its image CDN; the emulator serves its own so the
// UI never reaches the internet. "avatar_placeholder" in the path is what the UI's isDefaultImage()
// looks for (it then offers no "remove image" action).

const SILHOUETTE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#c7c7cf"/><circle cx="32" cy="25" r="12" fill="#f4f4f5"/><path d="M10 60c2-13 11-20 22-20s20 7 22 20z" fill="#f4f4f5"/></svg>`

export function defaultAvatarUrl(ctx: EmulatorContext): string {
  return `${fapiUrl(ctx)}/avatar_placeholder.svg`
}

export function registerAvatarRoutes(router: Router, _ctx: EmulatorContext): void {
  router.get('/avatar_placeholder.svg', eventHandler((event) => {
    // The UI's <img> is crossorigin="anonymous".
    setResponseHeader(event, 'access-control-allow-origin', '*')
    setResponseHeader(event, 'content-type', 'image/svg+xml')
    setResponseHeader(event, 'cache-control', 'public, max-age=86400')
    return SILHOUETTE
  }))
}
