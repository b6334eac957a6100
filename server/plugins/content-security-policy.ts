import { clerkOrigins, createNonce, withNonceAttributes, withScriptNonce } from '../utils/content-security-policy'

type Sources = string[] | string | boolean | undefined

const CLERK_DIRECTIVES = ['script-src', 'connect-src', 'img-src', 'frame-src', 'style-src']
const CSP_HEADER = 'content-security-policy'
/** Where the renderer puts its own tags; `body` is the app's markup, in which Vue renders no script. */
const TAG_SECTIONS = ['head', 'bodyPrepend', 'bodyAppend'] as const

function withSources(value: Sources, extra: string[]): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ').filter(Boolean) : []
  return [...new Set([...list, ...extra])]
}

declare module 'h3' {
  interface H3EventContext {
    /** This page response's Content Security Policy nonce. */
    cspNonce?: string
  }
}

// nuxt-security sends the policy of nuxt.config.ts, fixed at build time. This plugin adds what only
// run time knows: Clerk's origins from the runtime config (NUXT_PUBLIC_CLERK_PROXY_URL, _JS_URL,
// _UI_URL, _PUBLISHABLE_KEY), once at startup through the module's hook, and each page's nonce
// (the module's own nonce pass re-parses the whole rendered HTML with regexes; this one touches
// only the renderer's tags). https://nuxt-security.vercel.app/advanced/hooks
export default defineNitroPlugin(async (nitroApp) => {
  const origins = clerkOrigins(useRuntimeConfig().public.clerk)
  nitroApp.hooks.hook('nuxt-security:routeRules', (routeRules) => {
    for (const rules of Object.values(routeRules)) {
      const csp = rules?.headers ? rules.headers.contentSecurityPolicy as Record<string, Sources> | false | undefined : undefined
      if (!csp) continue
      for (const directive of CLERK_DIRECTIVES) {
        if (csp[directive] !== undefined) csp[directive] = withSources(csp[directive], origins)
      }
    }
  })
  // The module fires the hook from its own plugin; fire it again in case that one ran first.
  await nitroApp.hooks.callHook('nuxt-security:ready')

  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = event.context.cspNonce ??= createNonce()
    for (const section of TAG_SECTIONS) html[section] = html[section].map(chunk => withNonceAttributes(chunk, nonce))
  })
  // Registered after nuxt-security's plugins, so this runs once the module has set the header.
  nitroApp.hooks.hook('render:response', (_response, { event }) => {
    const policy = getResponseHeader(event, CSP_HEADER)
    if (typeof policy === 'string' && event.context.cspNonce) setResponseHeader(event, CSP_HEADER, withScriptNonce(policy, event.context.cspNonce))
  })
})
