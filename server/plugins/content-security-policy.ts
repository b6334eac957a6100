import { clerkOrigins, createNonce, pagePolicy, withNonceAttributes, withScriptNonce } from '../utils/content-security-policy'

/** Where the renderer puts its own tags; `body` is the app's markup, in which Vue renders no script. */
const TAG_SECTIONS = ['head', 'bodyPrepend', 'bodyAppend'] as const

declare module 'h3' {
  interface H3EventContext {
    /** This page response's Content Security Policy nonce. */
    cspNonce?: string
  }
}

// The pages' Content Security Policy with a nonce per page. Clerk's origins come from the runtime
// config (NUXT_PUBLIC_CLERK_PROXY_URL, _JS_URL, _UI_URL, _PUBLISHABLE_KEY), so one build serves any
// Clerk instance; the policy is made once at startup and each page only adds its nonce, to the
// renderer's tags and to script-src. The other security headers are route rules (nuxt.config.ts).
export default defineNitroPlugin((nitroApp) => {
  const policy = pagePolicy(clerkOrigins(useRuntimeConfig().public.clerk))

  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = event.context.cspNonce ??= createNonce()
    for (const section of TAG_SECTIONS) html[section] = html[section].map(chunk => withNonceAttributes(chunk, nonce))
  })
  nitroApp.hooks.hook('render:response', (response, { event }) => {
    // Nuxt's renderer names itself in X-Powered-By; the site does not say what it runs on.
    const { 'x-powered-by': _, ...headers } = response.headers ?? {}
    const nonce = event.context.cspNonce
    response.headers = nonce ? { ...headers, 'content-security-policy': withScriptNonce(policy, nonce) } : headers
  })
})
