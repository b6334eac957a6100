import type { LocalizationResource } from '@clerk/shared/types'

// The part of a Clerk localization our pages can show: the components we mount (<SignIn>, <SignUp>,
// <UserButton> and the <UserProfile> it opens) and what they share. Organizations, billing, API
// keys, the waitlist, SSO set-up and OAuth consent are not turned on here, so their strings stay out
// of the browser bundle (modules/clerk-korean-strings.ts selects them at build time).

/** Which of our Clerk components a page can show: the sign-in and sign-up forms, or the signed-in user's button and profile. */
export type ClerkStringsPart = 'signedOut' | 'signedIn'

/** The sections of the resource only one side reads; both read the errors and the shared strings. */
const PART_SECTIONS: Record<ClerkStringsPart, string[]> = {
  // Session tasks belong to sign-in: a session with one pending is not signed in yet.
  signedOut: ['signIn', 'signUp', 'web3SolanaWalletButtons', 'taskResetPassword', 'taskSetupMfa'],
  signedIn: ['userButton', 'userProfile', 'reverification', 'dates', 'impersonationFab'],
}
const SHARED_SECTIONS = ['unstable__errors']

/** Keys, at any depth, of the features this app does not turn on. */
const NOT_OURS = [/organization/i, /apiKey|api_key/, /billing|plansPage|Plan$|__(canceledEndsAt|endsAt|freeTrial|pastDueAt|renewsAt|startsAt|trialEndsAt)$/, /seats|slug/i, /membershipRole|__role$|automaticInvitations/]

/** The modules the browser imports for each part of Clerk's Korean strings: a Korean page preloads its part, no page prefetches either. */
export const KOREAN_PACK_MODULES: Record<ClerkStringsPart, string> = {
  signedOut: 'plugins/clerk-localization/ko-KR-signed-out.ts',
  signedIn: 'plugins/clerk-localization/ko-KR-signed-in.ts',
}

/** The payload key under which the server tells the browser which part the page starts with. */
export const CLERK_STRINGS_PART = 'clerk-strings-part'

function pick(node: object, sections: Set<string> | undefined): Record<string, unknown> {
  const kept = Object.entries(node).filter(([key, value]) =>
    value !== undefined && !NOT_OURS.some(pattern => pattern.test(key)) && (!sections || typeof value === 'string' || sections.has(key)))
  return Object.fromEntries(kept.map(([key, value]) => [key, value && typeof value === 'object' ? pick(value, undefined) : value]))
}

/** `resource` without the strings of components and features this app never renders; with `part`, only what that side shows. */
export function renderedStrings(resource: LocalizationResource, part?: ClerkStringsPart): LocalizationResource {
  const parts = part ? [part] : Object.keys(PART_SECTIONS) as ClerkStringsPart[]
  return pick(resource, new Set([...SHARED_SECTIONS, ...parts.flatMap(each => PART_SECTIONS[each])])) as LocalizationResource
}
