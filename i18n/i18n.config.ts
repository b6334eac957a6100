import { DEFAULT_LOCALE, messages } from '#shared/messages'

// One message table for browser and server (shared/messages.ts).
export default defineI18nConfig(() => ({
  legacy: false,
  fallbackLocale: DEFAULT_LOCALE,
  messages,
}))
