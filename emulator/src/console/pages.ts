import { readFile } from 'node:fs/promises'
import { eventHandler, setResponseHeader, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'

// The console: static files beside this module, no CDN, under a CSP that allows only themselves and
// same-origin calls. It reaches the emulator the same-origin way (control routes with X-Clerk-Emulator,
// the Backend API with the secret key it reads from /__emulator/env).

const CSP = [
  'default-src \'none\'',
  'script-src \'self\'',
  'style-src \'self\'',
  'img-src \'self\' data:',
  'connect-src \'self\'',
  'form-action \'none\'',
  'base-uri \'none\'',
  'frame-ancestors \'none\'',
].join('; ')

const FILES: Record<string, { file: string, type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/_console/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/_console/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
  '/_console/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
  // Browsers ask for /favicon.ico on their own (a tab opened on the JSON routes too); answered, not a 404.
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
}

const cache = new Map<string, Promise<string>>()

function load(file: string): Promise<string> {
  let text = cache.get(file)
  if (!text) {
    text = readFile(new URL(`./static/${file}`, import.meta.url), 'utf8')
    cache.set(file, text)
  }
  return text
}

export function registerConsolePages(router: Router, _ctx: EmulatorContext): void {
  for (const [path, { file, type }] of Object.entries(FILES)) {
    router.get(path, eventHandler(async (event) => {
      setResponseHeader(event, 'content-type', type)
      setResponseHeader(event, 'content-security-policy', CSP)
      setResponseHeader(event, 'x-content-type-options', 'nosniff')
      setResponseHeader(event, 'referrer-policy', 'no-referrer')
      setResponseHeader(event, 'cache-control', 'no-store')
      return load(file)
    }))
  }
}
