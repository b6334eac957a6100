// https://nuxt.com/docs/api/configuration/nuxt-config

// Nitro's `headers` route rule and `compressPublicAssets`, which Nuxt's fallback types (used when it
// does not resolve the server builder's own types) leave out.
declare module '@nuxt/schema' {
  interface RouteRuleConfigExtensions {
    headers?: Record<string, string>
  }
  interface NitroConfigFallback {
    compressPublicAssets?: boolean | { gzip?: boolean, brotli?: boolean }
  }
}

export default defineNuxtConfig({
  modules: ['@clerk/nuxt', '@nuxtjs/tailwindcss', '@nuxt/eslint'],

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
    // Node's limits for slow clients: headers, and the whole request with its body, must arrive
    // within these (server/plugins/http-timeouts.ts; docs/deploy.md).
    httpTimeouts: { headersSeconds: 10, requestSeconds: 30 },
    public: {
      clerk: {
        publishableKey: '',
        proxyUrl: '',
        jsUrl: '',
        uiUrl: '',
      },
    },
  },

  experimental: {
    // A link fetches its page's chunks when the visitor points at it or focuses it, not when it
    // scrolls into view: a first visit downloads only its own page (tests/e2e/first-visit-bytes.test.ts).
    defaults: { nuxtLink: { prefetchOn: { visibility: false, interaction: true } } },
  },

  compatibilityDate: '2026-11-01',

  nitro: {
    // Security headers on every response, fixed at build time; pages add their nonce-based Content
    // Security Policy (server/plugins/content-security-policy.ts). See docs/security.md.
    routeRules: {
      '/**': {
        headers: {
          // No Referer leaves the site: sign-in URLs carry redirect_url and Clerk's handshake parameters.
          'Referrer-Policy': 'same-origin',
          'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
          'X-Content-Type-Options': 'nosniff',
          'X-Frame-Options': 'DENY',
          // Clerk's OAuth and Turnstile need cross-origin popups and frames (so no COEP either).
          'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
          'Cross-Origin-Resource-Policy': 'same-origin',
          'Origin-Agent-Cluster': '?1',
          'Permissions-Policy': 'camera=(), display-capture=(), fullscreen=(), geolocation=(), microphone=()',
          'X-DNS-Prefetch-Control': 'off',
          'X-Download-Options': 'noopen',
          'X-Permitted-Cross-Domain-Policies': 'none',
          'X-XSS-Protection': '0',
        },
      },
    },
    // Scripts and stylesheets ship as brotli and gzip files made at build time, picked per request
    // from Accept-Encoding (with Vary); pages and API answers stay uncompressed (docs/security.md).
    compressPublicAssets: { gzip: true, brotli: true },
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
})
