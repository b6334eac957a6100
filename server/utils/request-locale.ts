import type { H3Event } from 'h3'
import { getCookie, getRequestHeader } from 'h3'
import { LOCALE_COOKIE, pickLocale, type Locale } from '#shared/messages'

/** The caller's language for API messages: the app's locale cookie, else Accept-Language, else Korean. */
export function requestLocale(event: H3Event): Locale {
  return pickLocale(getCookie(event, LOCALE_COOKIE), getRequestHeader(event, 'accept-language'))
}
