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

/** Which npm dependency holds each served major: `clerk-js-5` is an alias of @clerk/clerk-js@5. */
const SOURCES = [
  { name: '@clerk/clerk-js', specifier: '@clerk/clerk-js', entry: 'clerk.browser.js' },
  { name: '@clerk/clerk-js', specifier: 'clerk-js-5', entry: 'clerk.browser.js' },
  { name: '@clerk/ui', specifier: '@clerk/ui', entry: 'ui.browser.js' },
] as const

const require = createRequire(import.meta.url)

/** Walks up from a resolved entry file to the package root (clerk-js does not export package.json). */
function packageRoot(specifier: string, name: string): string {
  let dir = dirname(require.resolve(specifier))
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the package root of ${specifier}`)
    dir = parent
  }
  return dir
}

function loadPackage(source: typeof SOURCES[number]): BundlePackage {
  const root = packageRoot(source.specifier, source.name)
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  return { name: source.name, entry: source.entry, version, dist: join(root, 'dist') }
}

let packages: BundlePackage[] | null = null

/** Every served bundle package, newest major of each name first; resolved lazily so importing this module never fails. */
export function bundlePackages(): BundlePackage[] {
  packages ??= SOURCES.map(loadPackage)
  return packages
}

const major = (version: string): string => version.split('.')[0]!

/**
 * The package answering `<name>@<requested>`: a major (`5`), an exact version (`5.128.0`, any of
 * that major) or none/`latest` (the newest major). Undefined when no served major matches.
 */
export function resolveBundle(name: BundlePackage['name'], requested: string | undefined): BundlePackage | undefined {
  const candidates = bundlePackages().filter(pkg => pkg.name === name)
  if (requested === undefined || requested === 'latest') return candidates[0]
  const wanted = /^(\d+)(?:\.\d+){0,2}(?:-[\w.]+)?$/.exec(requested)?.[1]
  return candidates.find(pkg => major(pkg.version) === wanted)
}

function bundleUrl(ctx: EmulatorContext, name: BundlePackage['name'], requested?: string): string {
  const pkg = resolveBundle(name, requested)!
  return `${ctx.baseUrl}/npm/${pkg.name}@${pkg.version}/dist/${pkg.entry}`
}

/** clerk-js of the given major (default: the newest served). */
export function clerkJsUrl(ctx: EmulatorContext, clerkJsMajor?: string): string {
  return bundleUrl(ctx, '@clerk/clerk-js', clerkJsMajor)
}

export function clerkUiUrl(ctx: EmulatorContext): string {
  return bundleUrl(ctx, '@clerk/ui')
}

/** `@clerk/clerk-js@6.40.0, @clerk/clerk-js@5.128.0, @clerk/ui@1.34.0`: what a 404 for an unknown major names. */
function servedVersions(): string {
  return bundlePackages().map(pkg => `${pkg.name}@${pkg.version}`).join(', ')
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
}

// `@<version>` picks the major: @clerk/shared asks for the major (`clerk-js@6`), the bundles'
// chunk loader for the exact version; the installed package of that major answers both.
const BUNDLE_PATH = /^\/npm\/(@clerk\/(?:clerk-js|ui))(?:@([^/]+))?\/dist\/(.+)$/

/** Malformed percent-encoding is a 404 like any other unknown path, never a thrown URIError. */
function decode(segment: string): string | null {
  try { return decodeURIComponent(segment) }
  catch { return null }
}

const cache = new Map<string, Buffer>()

async function readBundleFile(pkg: BundlePackage, relative: string | null): Promise<Buffer | null> {
  if (relative === null) return null
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
    const path = event.path.split('?')[0]!
    const match = BUNDLE_PATH.exec(path)
    const pkg = match ? resolveBundle(match[1] as BundlePackage['name'], match[2] === undefined ? undefined : decode(match[2]) ?? '') : undefined
    if (match && !pkg) {
      return sendClerkError(event, clerkError(404, 'resource_not_found', 'not found', `No ${match[1]}@${match[2]} here; this emulator serves ${servedVersions()}.`))
    }
    const content = pkg ? await readBundleFile(pkg, decode(match![3]!)) : null
    if (!content) {
      return sendClerkError(event, clerkError(404, 'resource_not_found', 'not found', `No bundle file at ${path}.`))
    }
    const relative = match![3]!
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
