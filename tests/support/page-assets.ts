// The scripts and stylesheets a server-rendered page makes the browser fetch, read from its HTML
// and from the static imports of those scripts. Used by the wire-bytes test and by `npm run bench`.

/** `import … from "./x.js"` and `export * from "./x.js"` between build chunks; not `import()`. */
export const STATIC_IMPORT = /\bimport\s*(?!\()(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+?\.js)["']|\bexport\s*\*\s*from\s*["'](\.{1,2}\/[^"']+?\.js)["']/g

function attr(tag: string, name: string): string | undefined {
  return tag.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1] ?? tag.match(new RegExp(`\\b${name}\\s*=\\s*'([^']*)'`, 'i'))?.[1]
}

export interface PageAssets {
  /** `<script src>`, `modulepreload` and script `preload` links: fetched before the page runs. */
  scripts: string[]
  styles: string[]
  /** Scripts the page prefetches (`rel=prefetch as=script`): fetched once the browser is idle. */
  prefetch: string[]
}

/** The script and stylesheet URLs an HTML document loads up front, and the scripts it prefetches. */
export function referencedAssets(html: string, baseUrl: string): PageAssets {
  const scripts = new Set<string>()
  const styles = new Set<string>()
  const prefetch = new Set<string>()
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src')
    if (src) scripts.add(new URL(src, baseUrl).href)
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase()
    const href = attr(tag, 'href')
    if (!href) continue
    if (rel === 'modulepreload' || (rel === 'preload' && attr(tag, 'as') === 'script')) scripts.add(new URL(href, baseUrl).href)
    if (rel === 'stylesheet') styles.add(new URL(href, baseUrl).href)
    if (rel === 'prefetch' && attr(tag, 'as') === 'script') prefetch.add(new URL(href, baseUrl).href)
  }
  return { scripts: [...scripts], styles: [...styles], prefetch: [...prefetch] }
}

/** The chunks a script imports statically, as absolute URLs. */
export function staticImports(source: string, scriptUrl: string): string[] {
  return [...source.matchAll(STATIC_IMPORT)].map(m => new URL((m[1] ?? m[2])!, scriptUrl).href)
}
