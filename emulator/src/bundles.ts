import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, extname, join, normalize, sep } from 'node:path'
import { eventHandler, getRequestHeader, setResponseHeader, setResponseStatus, type Router } from 'h3'
import type { EmulatorContext } from './context.ts'
import { clerkError, sendClerkError } from './http.ts'

// Serves the browser bundles of @clerk/clerk-js and @clerk/ui from node_modules, so an app can run
// Clerk's prebuilt UI with no CDN. Paths mirror Clerk's CDN layout (`/npm/@clerk/<pkg>@<version>/dist/<file>`)
// because the bundles compute their lazy-chunk base from their own URL with exactly that pattern.

interface BundlePackage {
  name: '@clerk/clerk-js' | '@clerk/ui'
  entry: string
  version: string
  dist: string
}

const require = createRequire(import.meta.url)

/** Walks up from a resolved entry file to the package root (clerk-js does not export package.json). */
function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name))
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the package root of ${name}`)
    dir = parent
  }
  return dir
}

function loadPackage(name: BundlePackage['name'], entry: string): BundlePackage {
  const root = packageRoot(name)
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  return { name, entry, version, dist: join(root, 'dist') }
}

let packages: Record<'clerk-js' | 'ui', BundlePackage> | null = null

/** Resolved lazily so importing this module never fails where the packages are absent. */
export function bundlePackages(): Record<'clerk-js' | 'ui', BundlePackage> {
  packages ??= {
    'clerk-js': loadPackage('@clerk/clerk-js', 'clerk.browser.js'),
    'ui': loadPackage('@clerk/ui', 'ui.browser.js'),
  }
  return packages
}

export function clerkJsUrl(ctx: EmulatorContext): string {
  const pkg = bundlePackages()['clerk-js']
  return `${ctx.baseUrl}/npm/${pkg.name}@${pkg.version}/dist/${pkg.entry}`
}

export function clerkUiUrl(ctx: EmulatorContext): string {
  const pkg = bundlePackages().ui
  return `${ctx.baseUrl}/npm/${pkg.name}@${pkg.version}/dist/${pkg.entry}`
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
}

// `@<version>` is optional and ignored: @clerk/shared asks for the major (`clerk-js@6`), the
// bundles' chunk loader for the exact version; the installed one answers both.
const BUNDLE_PATH = /^\/npm\/@clerk\/(clerk-js|ui)(?:@[^/]+)?\/dist\/(.+)$/

const cache = new Map<string, Buffer>()

async function readBundleFile(pkg: BundlePackage, relative: string): Promise<Buffer | null> {
  const file = normalize(join(pkg.dist, relative))
  if (!file.startsWith(pkg.dist + sep)) return null // no `..` escapes from dist/
  const cached = cache.get(file)
  if (cached) return cached
  try {
    const content = await readFile(file)
    cache.set(file, content)
    return content
  }
  catch {
    return null
  }
}

/** Registers `/npm/**` on a router; app.ts mounts it at the root, fapi/ again under /fapi (relative proxyUrl apps). */
export function registerBundleRoutes(router: Router, _ctx: EmulatorContext): void {
  router.use('/npm/**', eventHandler(async (event) => {
    // Scripts load with crossorigin="anonymous" (no credentials), so a wildcard is enough.
    setResponseHeader(event, 'access-control-allow-origin', '*')
    if (event.method !== 'GET' && event.method !== 'HEAD') {
      setResponseHeader(event, 'allow', 'GET, HEAD')
      return sendClerkError(event, clerkError(405, 'method_not_allowed', 'Method not allowed', 'Bundles are served with GET.'))
    }
    const match = BUNDLE_PATH.exec(event.path.split('?')[0]!)
    const pkg = match ? bundlePackages()[match[1] as 'clerk-js' | 'ui'] : undefined
    const content = pkg ? await readBundleFile(pkg, decodeURIComponent(match![2]!)) : null
    if (!content) {
      return sendClerkError(event, clerkError(404, 'resource_not_found', 'not found', `No bundle file at ${event.path.split('?')[0]}.`))
    }
    const relative = match![2]!
    setResponseStatus(event, 200)
    setResponseHeader(event, 'content-type', CONTENT_TYPES[extname(relative)] ?? 'application/octet-stream')
    setResponseHeader(event, 'content-length', content.length)
    // Chunk names carry a content hash and the version; the entry files do not.
    const immutable = relative !== pkg!.entry && /_\d+\.\d+\.\d+/.test(relative)
    setResponseHeader(event, 'cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
    if (getRequestHeader(event, 'if-none-match') === `"${pkg!.version}"` && !immutable) {
      setResponseStatus(event, 304)
      return ''
    }
    setResponseHeader(event, 'etag', `"${pkg!.version}"`)
    return event.method === 'HEAD' ? '' : content
  }))
}
