import type { LocalizationResource } from '@clerk/shared/types'
import { isLocale, type Locale } from '#shared/messages'

// Clerk's own strings, bundled from @clerk/localizations (no CDN), each language its own chunk;
// Korean with the strings Clerk's pack lacks filled in.
const loaders: Record<Locale, () => Promise<LocalizationResource>> = {
  ko: () => import('./clerk-localization/ko-KR').then(m => m.koKRComplete),
  en: () => import('@clerk/localizations/en-US').then(m => m.enUS),
}

/**
 * Gives Clerk's components the page's language. It runs before @clerk/nuxt's plugin (`pre`), so
 * the first render is already localized: the language comes from <html lang>, which the server
 * rendered from the visitor's choice. Later switches update the mounted components in place.
 */
export default defineNuxtPlugin({
  name: 'clerk-localization',
  enforce: 'pre',
  async setup(nuxtApp) {
    const lang = document.documentElement.lang.slice(0, 2)
    const config = useRuntimeConfig().public.clerk as Record<string, unknown>
    config.localization = await loaders[isLocale(lang) ? lang : 'ko']()
    nuxtApp.hook('i18n:localeSwitched', async ({ newLocale }) => {
      if (!isLocale(newLocale)) return
      const localization = await loaders[newLocale]()
      config.localization = localization
      if (window.Clerk) updateClerkOptions({ localization })
    })
  },
})
