// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  modules: ['@clerk/nuxt', '@nuxtjs/tailwindcss', '@nuxt/eslint', 'nuxt-security'],

  // Telemetry and devtools would try the network; this app must run offline.
  devtools: { enabled: false },

  app: {
    head: {
      meta: [
        { name: 'viewport', content: 'width=device-width, initial-scale=1' },
        { name: 'color-scheme', content: 'light dark' },
      ],
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
    // Per-user limit on calls to Clerk on a user's behalf (the onboarding write, `?fresh=1` reads),
    // per server instance (server/utils/rate-limit.ts).
    onboardingRateLimit: { max: 10, windowSeconds: 10 },
    public: {
      clerk: {
        publishableKey: '',
        proxyUrl: '',
        jsUrl: '',
        uiUrl: '',
      },
    },
  },

  // Nitro's request context (useEvent), through which apiError() finds the caller's language.
  experimental: { asyncContext: true },

  compatibilityDate: '2026-11-01',

  nitro: {
    // Before the modules' plugins: each request's runtime config starts from the startup one.
    plugins: ['~~/server/plugins/runtime-config.ts'],
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

  // Security headers on every response; on pages a nonce-based Content Security Policy. Clerk's
  // origins in it are only known at run time: server/plugins/content-security-policy.ts adds them.
  // See docs/security.md.
  security: {
    headers: {
      contentSecurityPolicy: {
        'default-src': ['\'self\''],
        'base-uri': ['\'none\''],
        'object-src': ['\'none\''],
        'form-action': ['\'self\''],
        'frame-ancestors': ['\'none\''],
        // Each page adds its nonce here (server/plugins/content-security-policy.ts); it covers Nuxt's
        // own scripts, and 'strict-dynamic' lets them load clerk-js and its chunks.
        'script-src': ['\'self\'', '\'strict-dynamic\''],
        'script-src-attr': ['\'none\''],
        // Clerk's components inject <style> elements at run time (no nonce support there).
        'style-src': ['\'self\'', '\'unsafe-inline\''],
        'img-src': ['\'self\'', 'data:', 'blob:', 'https://img.clerk.com'],
        'font-src': ['\'self\'', 'data:'],
        'connect-src': ['\'self\''],
        'worker-src': ['\'self\'', 'blob:'],
        // Clerk's bot protection (Cloudflare Turnstile) renders in a frame.
        'frame-src': ['\'self\'', 'https://challenges.cloudflare.com'],
        'upgrade-insecure-requests': false,
      },
      // Clerk's OAuth and Turnstile need cross-origin popups and frames.
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: 'same-origin-allow-popups',
      // No Referer leaves the site: sign-in URLs carry redirect_url and Clerk's handshake parameters.
      referrerPolicy: 'same-origin',
      strictTransportSecurity: { maxAge: 31_536_000, includeSubdomains: true },
      xFrameOptions: 'DENY',
    },
    // Our per-user limit (server/utils/rate-limit.ts) replaces the module's per-IP one, which behind
    // Cloud Run's front end would count everyone as one IP.
    rateLimiter: false,
    // Validation is the zod schema's job and escaping is Vue's.
    xssValidator: false,
    // The API serves this origin only; no CORS grants.
    corsHandler: false,
    // Keep console output: the server logs through it (server/plugins/logging.ts).
    removeLoggers: false,
    // The page nonce is ours (server/plugins/content-security-policy.ts): the module's own pass
    // re-parses the whole rendered HTML with regexes on every page.
    nonce: false,
  },
})
