import { defineNuxtConfig } from 'nuxt/config'

// Reference (b) for `npm run bench`: the same markup on @clerk/nuxt's stock wiring, as Clerk's Nuxt
// quickstart sets it up (the module, its default server middleware, keys from NUXT_* variables).
// Built with the project's own node_modules by bench/lib/build.mjs, into bench/.builds/clerk-stock.
export default defineNuxtConfig({
  modules: ['@clerk/nuxt'],
  devtools: { enabled: false },
  app: {
    head: {
      htmlAttrs: { lang: 'ko' },
      meta: [
        { name: 'viewport', content: 'width=device-width, initial-scale=1' },
        { name: 'color-scheme', content: 'light dark' },
      ],
    },
  },
  buildDir: '../../.builds/clerk-stock/nuxt',
  compatibilityDate: '2026-11-01',
  nitro: { output: { dir: '../../.builds/clerk-stock/output' } },
  telemetry: false,
})
