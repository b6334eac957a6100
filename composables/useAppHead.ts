/**
 * Document-level head for every layout root (app.vue and error.vue): <html lang> follows the
 * language (screen readers; the Clerk localization plugin reads it) and titles get the app's name.
 */
export function useAppHead() {
  const { t, locale } = useI18n()
  useHead({
    htmlAttrs: { lang: () => locale.value },
    titleTemplate: title => (title && title !== t('app.name') ? `${title} · ${t('app.name')}` : t('app.name')),
  })
}
