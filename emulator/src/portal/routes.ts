import { readFileSync } from 'node:fs'
import { eventHandler, setResponseHeader, setResponseStatus, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, sendClerkError } from '../http.ts'
import { portalPage } from './page.ts'
import { PORTAL_VIEWS } from '../urls.ts'

// The Account Portal's routes, mounted at /portal by app.ts: one page per view and its two static
// assets. Pages carry the dev-browser token in their URL, so they are never cached, framed or
// leaked through a Referer.

const ASSETS: Record<string, { type: string, body: Buffer }> = {
  '/portal.js': { type: 'application/javascript; charset=utf-8', body: readFileSync(new URL('./browser/portal.js', import.meta.url)) },
  '/portal.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./browser/portal.css', import.meta.url)) },
}

/** Scripts only from the emulator, styles inline because the prebuilt UI injects its own <style> tags. */
export const PORTAL_CSP = [
  'default-src \'none\'',
  'script-src \'self\'',
  'connect-src \'self\'',
  'img-src \'self\' data: blob:',
  'style-src \'self\' \'unsafe-inline\'',
  'font-src \'self\' data:',
  'worker-src \'self\' blob:',
  'frame-ancestors \'none\'',
  'base-uri \'none\'',
  'form-action \'self\'',
].join('; ')

function send(event: H3Event, type: string, body: string | Buffer): string | Buffer {
  if (event.method !== 'GET' && event.method !== 'HEAD') {
    setResponseHeader(event, 'allow', 'GET, HEAD')
    return sendClerkError(event, clerkError(405, 'method_not_allowed', 'Method not allowed', 'Account Portal pages are served with GET.'))
  }
  setResponseStatus(event, 200)
  setResponseHeader(event, 'content-type', type)
  setResponseHeader(event, 'cache-control', 'no-store')
  setResponseHeader(event, 'content-security-policy', PORTAL_CSP)
  setResponseHeader(event, 'x-frame-options', 'DENY')
  setResponseHeader(event, 'x-content-type-options', 'nosniff')
  setResponseHeader(event, 'referrer-policy', 'no-referrer')
  return event.method === 'HEAD' ? '' : body
}

export function registerPortalRoutes(router: Router, ctx: EmulatorContext): void {
  for (const view of PORTAL_VIEWS) {
    router.use(`/${view}`, eventHandler(event => send(event, 'text/html; charset=utf-8', portalPage(ctx, view))))
  }
  for (const [path, asset] of Object.entries(ASSETS)) {
    router.use(path, eventHandler(event => send(event, asset.type, asset.body)))
  }
}
