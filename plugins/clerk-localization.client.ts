import type { LocalizationResource } from '@clerk/shared/types'
import { isLocale } from '#shared/messages'
import { CLERK_STRINGS_PART, type ClerkStringsPart } from './clerk-localization/rendered'

// Clerk's own strings: Korean bundled from @clerk/localizations (no CDN), with the strings Clerk's
// pack lacks filled in, cut to what our pages render and split in two chunks, one for signed-out
// pages (sign-in, sign-up) and one for signed-in ones (the user button and profile). English is
// Clerk's built-in default, so it needs no pack (an empty localization puts Clerk's components
// back in English after a switch).
const koreanParts: Record<ClerkStringsPart, () => Promise<LocalizationResource>> = {
  signedOut: () => import('./clerk-localization/ko-KR-signed-out').then(m => m.strings),
  signedIn: () => import('./clerk-localization/ko-KR-signed-in').then(m => m.strings),
}

/**
 * Gives Clerk's components the page's language. It runs before @clerk/nuxt's plugin (`pre`), so
 * the first render is already localized: the language is the one the server chose for the page
 * (plugins/i18n.ts), the part the one it preloaded (plugins/clerk-localization.server.ts). A
 * navigation after signing in or out waits for the other part; later switches update the mounted
 * components in place.
 */
export default defineNuxtPlugin({
  name: 'clerk-localization',
  enforce: 'pre',
  dependsOn: ['i18n'],
  async setup(nuxtApp) {
    const { locale } = nuxtApp.$i18n
    const config = useRuntimeConfig().public.clerk as Record<string, unknown>
    const part = useState<ClerkStringsPart>(CLERK_STRINGS_PART, () => 'signedOut')
    const korean: Partial<Record<ClerkStringsPart, LocalizationResource>> = {}

    /** Clerk's strings in the page's language, with every part loaded so far. */
    async function strings(): Promise<LocalizationResource> {
      if (locale.value !== 'ko') return {}
      korean[part.value] ??= await koreanParts[part.value]()
      return Object.assign({}, ...Object.values(korean))
    }
    async function update() {
      const localization = await strings()
      config.localization = localization
      if (window.Clerk) updateClerkOptions({ localization })
    }

    config.localization = await strings()
    watch(locale, (newLocale) => {
      if (isLocale(newLocale)) return update()
    })
    addRouteMiddleware('clerk-strings', async () => {
      part.value = useOnboardingState().signedIn.value ? 'signedIn' : 'signedOut'
      // Without the chunk (a network error) Clerk's components stay in English; the page still opens.
      if (locale.value === 'ko' && !korean[part.value]) await update().catch(() => {})
    }, { global: true })
  },
})
