/** The page's language and its words: `t`, `te`, `locale`, `locales`, `setLocale` (plugins/i18n.ts). */
export function useI18n() {
  return useNuxtApp().$i18n
}
