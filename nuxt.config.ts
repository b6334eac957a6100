// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  modules: ['@clerk/nuxt', '@nuxtjs/tailwindcss', '@nuxt/eslint'],

  // Telemetry and devtools would try the network; this app must run offline.
  devtools: { enabled: false },

  app: {
    head: {
      htmlAttrs: { lang: 'ko' },
      title: '온보딩 데모',
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
    },
  },

  css: ['~/assets/css/main.css'],

  // Declared so that NUXT_* environment variables override them at run time: nothing secret is
  // baked into the build. See .env.example for what each one is.
  runtimeConfig: {
    clerk: {
      secretKey: '',
      jwtKey: '',
      apiUrl: '',
      // Comma-separated origins accepted as a session token's `azp` (NUXT_CLERK_AUTHORIZED_PARTIES).
      authorizedParties: '',
    },
    public: {
      clerk: {
        publishableKey: '',
        proxyUrl: '',
        jsUrl: '',
        uiUrl: '',
      },
    },
  },

  compatibilityDate: '2026-11-01',

  nitro: {
    // The session-claims types in types/ apply to server code too.
    typescript: { tsConfig: { include: ['../types/**/*.d.ts'] } },
    // Routes are decided by the gate at request time; nothing is prerendered.
    prerender: { crawlLinks: false },
  },

  typescript: {
    tsConfig: {
      compilerOptions: { allowImportingTsExtensions: true },
    },
  },
  telemetry: false,

  clerk: {
    // Our own server middleware (server/middleware/clerk.ts) runs clerkMiddleware with the
    // authorized parties we configure; the module's default one would run it a second time.
    skipServerMiddleware: true,
    signInUrl: '/sign-in',
    signUpUrl: '/sign-up',
    // A new account has nothing to show yet: it starts at the onboarding form.
    signUpForceRedirectUrl: '/onboarding',
    signInFallbackRedirectUrl: '/dashboard',
    // The emulator (or a real instance) sets these at run time; see .env.example.
    telemetry: { disabled: true },
  },

  eslint: {
    config: { stylistic: true },
  },
})
