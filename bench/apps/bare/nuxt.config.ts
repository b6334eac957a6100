import { defineNuxtConfig } from 'nuxt/config'

// Reference (a) for `npm run bench`: our /dashboard's markup as a plain Nuxt page, no auth, no i18n,
// no CSP. Built with the project's own node_modules by bench/lib/build.mjs, into bench/.builds/bare.
export default defineNuxtConfig({
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
  buildDir: '../../.builds/bare/nuxt',
  compatibilityDate: '2026-11-01',
  nitro: { output: { dir: '../../.builds/bare/output' } },
  telemetry: false,
})
