import type { LocalizationResource } from '@clerk/shared/types'
import { isLocale, type Locale } from '#shared/messages'

// Clerk's own strings: Korean bundled from @clerk/localizations (no CDN) as its own chunk, with the
// strings Clerk's pack lacks filled in; English is Clerk's built-in default, so it needs no pack
// (an empty localization puts Clerk's components back in English after a switch).
const loaders: Record<Locale, () => Promise<LocalizationResource>> = {
  ko: () => import('./clerk-localization/ko-KR').then(m => m.koKRComplete),
  en: () => Promise.resolve({}),
}

/**
 * Gives Clerk's components the page's language. It runs before @clerk/nuxt's plugin (`pre`), so
 * the first render is already localized: the language is the one the server chose for the page
 * (plugins/i18n.ts). Later switches update the mounted components in place.
 */
export default defineNuxtPlugin({
  name: 'clerk-localization',
  enforce: 'pre',
  dependsOn: ['i18n'],
  async setup(nuxtApp) {
    const { locale } = nuxtApp.$i18n
    const config = useRuntimeConfig().public.clerk as Record<string, unknown>
    config.localization = await loaders[locale.value]()
    watch(locale, async (newLocale) => {
      if (!isLocale(newLocale)) return
      const localization = await loaders[newLocale]()
      config.localization = localization
      if (window.Clerk) updateClerkOptions({ localization })
    })
  },
})
