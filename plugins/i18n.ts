import { LOCALE_COOKIE, format, isLocale, messages, pickLocale, type Locale } from '#shared/messages'

/** The switcher's options, each named in its own language. */
const LOCALE_OPTIONS = [
  { code: 'ko', name: '한국어' },
  { code: 'en', name: 'English' },
] as const satisfies ReadonlyArray<{ code: Locale, name: string }>

const YEAR_SECONDS = 365 * 24 * 60 * 60

/** Every message under its dotted key (`nav.signIn`), flattened once per language. */
function flatten(node: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out.set(prefix + key, value)
    else if (value && typeof value === 'object') flatten(value, `${prefix}${key}.`, out)
  }
  return out
}
const TABLES = { ko: flatten(messages.ko), en: flatten(messages.en) } satisfies Record<Locale, Map<string, string>>

function lookup(locale: Locale, key: string): string | undefined {
  return TABLES[locale].get(key)
}

/**
 * The page's language and its words from shared/messages.ts (read through useI18n()). The server
 * decides the language once per page as the API does (the `locale` cookie, else Accept-Language,
 * else Korean) and the payload carries it to the browser; the cookie remembers the switcher's choice.
 */
export default defineNuxtPlugin({
  name: 'i18n',
  // Before the Clerk localization plugin, which follows the language.
  enforce: 'pre',
  setup() {
    // The value is a bare locale code: read and written as is (Nuxt's default codec tries JSON first,
    // which throws on `ko`, on every page).
    const cookie = useCookie<string | null | undefined>(LOCALE_COOKIE, { maxAge: YEAR_SECONDS, sameSite: 'lax', path: '/', encode: String, decode: value => value })
    // No cookie until the visitor chooses: a detected language is detected again on every request,
    // the API's included, so it follows the browser's settings.
    const locale = useState<Locale>('locale', () => pickLocale(cookie.value ?? undefined, useRequestHeader('accept-language') ?? undefined))

    const i18n = {
      locale: readonly(locale),
      locales: LOCALE_OPTIONS,
      /** The message under `key` (`nav.signIn`), `{name}` placeholders filled in; the key itself when missing. */
      t(key: string, params?: Record<string, string | number>): string {
        const template = lookup(locale.value, key)
        if (template === undefined) return key
        return params ? format(template, params) : template
      },
      /** Whether `key` names a message. */
      te(key: string): boolean {
        return lookup(locale.value, key) !== undefined
      },
      /** Switches every string on the page in place and remembers the choice. */
      setLocale(code: string) {
        if (!isLocale(code)) return
        cookie.value = code
        locale.value = code
      },
    }
    return { provide: { i18n } }
  },
})
