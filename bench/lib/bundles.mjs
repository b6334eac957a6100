// First-load bytes of a page: the scripts and stylesheets its server-rendered HTML references
// (script src, modulepreload, stylesheet links) plus the chunks those scripts import statically,
// gzipped (level 9) one file at a time. Our bundle is what /_nuxt/ serves; Clerk's browser bundles
// (clerk-js, @clerk/ui) come from the Clerk origin (the emulator here, Clerk's CDN in production).
import { gzipSync } from 'node:zlib'
import { referencedAssets, staticImports } from '../../tests/support/page-assets.ts'

async function fetchBytes(url, cache) {
  if (!cache.has(url)) {
    cache.set(url, (async () => {
      const res = await fetch(url)
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`)
      const raw = Buffer.from(await res.arrayBuffer())
      return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, text: raw.toString('utf8') }
    })())
  }
  return cache.get(url)
}

/** What a minified chunk mostly is, from strings that survive minification. */
function hint(text) {
  const found = []
  if (/__vite__mapDeps|#entry|useNuxtApp|nuxt-app/.test(text) && /buildAssetsURL|_nuxt/.test(text)) found.push('nuxt entry')
  if (/ClerkProvider|clerk-js|@clerk\/vue/.test(text)) found.push('@clerk/vue')
  if (/vue-i18n|intlify/.test(text)) found.push('vue-i18n')
  if (/ZodError|zod/.test(text)) found.push('zod')
  if (/apiKeys:\{action__add/.test(text)) found.push('@clerk/localizations')
  if (/createVNode|__v_isVNode/.test(text)) found.push('vue runtime')
  if (/tailwind|--tw-/.test(text)) found.push('tailwind')
  return found.join(', ') || undefined
}

/** Sums gzip bytes of JS and CSS a page needs on first load, split into ours and Clerk's. */
export async function firstLoad(appUrl, path, headers, cache = new Map()) {
  const res = await fetch(`${appUrl}${path}`, { headers, redirect: 'manual' })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status} (${res.headers.get('location') ?? ''}), not the page`)
  const { scripts, styles, prefetch } = referencedAssets(html, `${appUrl}${path}`)
  const ours = u => new URL(u).origin === new URL(appUrl).origin
  const seen = new Set()
  const queue = scripts.filter(ours)
  const js = []
  while (queue.length) {
    const url = queue.shift()
    if (seen.has(url)) continue
    seen.add(url)
    const file = await fetchBytes(url, cache)
    js.push({ url, ...file })
    queue.push(...staticImports(file.text, url))
  }
  const css = []
  for (const url of styles.filter(ours)) css.push({ url, ...(await fetchBytes(url, cache)) })
  // Dynamic imports of the entry that Nuxt prefetches, if any: fetched once the browser is idle.
  // (Clerk's Korean strings are not among them: a Korean page preloads its part, counted above.)
  const prefetched = []
  for (const url of prefetch.filter(u => ours(u) && !seen.has(u))) prefetched.push({ url, ...(await fetchBytes(url, cache)) })
  const sum = (list, key) => list.reduce((total, f) => total + f[key], 0)
  return {
    path,
    htmlGzipKb: gzipSync(Buffer.from(html), { level: 9 }).length / 1024,
    jsFiles: js.length,
    jsKb: sum(js, 'gzip') / 1024,
    jsRawKb: sum(js, 'raw') / 1024,
    cssFiles: css.length,
    cssKb: sum(css, 'gzip') / 1024,
    prefetchJsKb: sum(prefetched, 'gzip') / 1024,
    externalScripts: scripts.filter(u => !ours(u)),
    files: [...js, ...css].map(f => ({ file: new URL(f.url).pathname, gzipKb: Math.round(f.gzip / 102.4) / 10, contains: hint(f.text) })),
    prefetched: prefetched.map(f => ({ file: new URL(f.url).pathname, gzipKb: Math.round(f.gzip / 102.4) / 10, contains: hint(f.text) })),
  }
}

/** gzip size of Clerk's browser bundles as the app loads them (clerk-js, then @clerk/ui). */
export async function clerkBundles(env) {
  const out = {}
  for (const [name, url] of [['clerk-js', env.NUXT_PUBLIC_CLERK_JS_URL], ['clerk-ui', env.NUXT_PUBLIC_CLERK_UI_URL]]) {
    if (!url) continue
    try {
      const file = await fetchBytes(url, new Map())
      out[name] = { url, gzipKb: file.gzip / 1024, rawKb: file.raw / 1024 }
    }
    catch (error) {
      out[name] = { url, error: error.message }
    }
  }
  return out
}
