import { CLERK_STRINGS_PART, KOREAN_PACK_MODULES, type ClerkStringsPart } from './clerk-localization/rendered'

/**
 * Which part of Clerk's strings the page starts with (signed in or not), for the client plugin; on a
 * Korean page the browser fetches that part alongside the entry (a modulepreload link, as for the
 * page's own chunks) rather than after it, since the client plugin awaits it at startup.
 */
export default defineNuxtPlugin({
  name: 'clerk-localization-part',
  dependsOn: ['i18n'],
  setup(nuxtApp) {
    const part = useState<ClerkStringsPart>(CLERK_STRINGS_PART, () => (useOnboardingState().signedIn.value ? 'signedIn' : 'signedOut'))
    // Vite's SSR contract: the modules a render used, which the renderer turns into preload links.
    if (nuxtApp.$i18n.locale.value === 'ko') nuxtApp.ssrContext?.modules?.add(KOREAN_PACK_MODULES[part.value])
  },
})
