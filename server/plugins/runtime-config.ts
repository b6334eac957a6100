// Nitro's useRuntimeConfig(event) builds each request a new copy of the config and re-applies the
// NUXT_* environment to it, key by key (for runtimes whose environment varies per request). On Node
// the environment is read once at startup, so each request's copy can start from that result,
// parsed from JSON made once (the config is JSON: Nitro inlines it as such), without two
// environment look-ups per key. Nuxt's renderer and Clerk's middleware ask for the copy on every
// page (docs/benchmarks.md: 0.2-0.35 ms a page). Registered first (nuxt.config.ts `nitro.plugins`),
// before the modules' request hooks.
export default defineNitroPlugin((nitroApp) => {
  const startup = JSON.stringify(useRuntimeConfig())
  nitroApp.hooks.hook('request', (event) => {
    event.context.nitro ??= { errors: [] }
    const context = event.context.nitro as { runtimeConfig?: unknown }
    context.runtimeConfig ??= JSON.parse(startup)
  })
})
