import { clerkOrigins } from '../utils/content-security-policy'

type Sources = string[] | string | boolean | undefined

const CLERK_DIRECTIVES = ['script-src', 'connect-src', 'img-src', 'frame-src', 'style-src']

function withSources(value: Sources, extra: string[]): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ').filter(Boolean) : []
  return [...new Set([...list, ...extra])]
}

// nuxt-security's CSP (nuxt.config.ts) is fixed at build time; Clerk's origins come from the
// runtime config (NUXT_PUBLIC_CLERK_PROXY_URL, _JS_URL, _UI_URL, _PUBLISHABLE_KEY), so they are added
// here, once at startup, through the module's runtime hook.
// https://nuxt-security.vercel.app/advanced/hooks
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
})
