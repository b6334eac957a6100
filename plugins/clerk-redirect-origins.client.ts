/**
 * clerk-js follows a redirect to any origin on its allow-list, which by default includes every
 * subdomain of the Clerk instance's domain; ours is this app's own origin only. It runs before
 * @clerk/nuxt's plugin (`pre`), which hands these options to clerk-js.
 */
export default defineNuxtPlugin({
  name: 'clerk-redirect-origins',
  enforce: 'pre',
  setup() {
    const config = useRuntimeConfig().public.clerk as Record<string, unknown>
    config.allowedRedirectOrigins = [window.location.origin]
  },
})
