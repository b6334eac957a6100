import { safeRedirectPath } from './redirect'

/** Pages anyone may open, signed in or not. Everything else requires a session (deny by default). */
const PUBLIC_PATHS = ['/']
/** Clerk's own sign-in and sign-up flows, including their sub-steps (`/sign-in/factor-one`, ...). */
const AUTH_PREFIXES = ['/sign-in', '/sign-up']

export const ONBOARDING_PATH = '/onboarding'
export const DASHBOARD_PATH = '/dashboard'
export const SIGN_IN_PATH = '/sign-in'
/** Clerk's session-task flow inside our <SignIn/> (path routing); its index page opens the current task. */
export const TASKS_PATH = `${SIGN_IN_PATH}/tasks`

export interface GateInput {
  signedIn: boolean
  /**
   * A session with a task to finish first (Clerk's `pending` status, e.g. `choose-organization`);
   * Clerk counts it as signed out, so `signedIn` is false.
   */
  pending?: boolean
  /** The pending session's current task (`choose-organization`), when known here (clerk-js knows it; the server does not). */
  task?: string
  /** `undefined`: not known here (the session token has no `metadata` claim); only the server can say. */
  onboarded: boolean | undefined
  /** The target route's path, without query or hash. */
  path: string
  /** The target's full path (path + query + hash), kept as the return address. */
  fullPath: string
  /** No page answers the path: it renders the 404 page, which shows nothing protected. */
  notFound?: boolean
}

export type GateDecision
  = | { action: 'allow' }
    | { action: 'redirect', to: string }
    /** The decision depends on an onboarding state that is not known: ask the server, then decide again. */
    | { action: 'ask' }

function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`)
}

export function isAuthPath(path: string): boolean {
  return AUTH_PREFIXES.some(prefix => underPrefix(path, prefix))
}

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.includes(path) || isAuthPath(path)
}

/** Clerk's page for the session's task, or the task flow's start, which opens the current one. */
function taskPath(task: string | undefined): string {
  return task && /^[a-z][a-z-]*$/.test(task) ? `${TASKS_PATH}/${task}` : TASKS_PATH
}

/**
 * The onboarding gate as a pure function of (signed in?, onboarded?, target):
 * - signed out on a protected page -> sign-in, remembering where they were going;
 * - a pending session on a protected page (the onboarding form too) -> Clerk's task, remembering
 *   where they were going: after the task, Clerk sends them there and the gate decides again;
 * - signed in but not onboarded, anywhere but the onboarding form and Clerk's pages -> onboarding;
 * - onboarded and opening the onboarding form -> dashboard;
 * - signed in, onboarding state unknown, anywhere but Clerk's pages -> ask.
 */
export function decideGate(input: GateInput): GateDecision {
  // Normalise trailing slashes and case-insensitive duplicates the router would also match.
  const path = input.path.length > 1 ? input.path.replace(/\/+$/, '').toLowerCase() : input.path
  if (input.notFound) return { action: 'allow' }
  if (!input.signedIn) {
    if (isPublicPath(path)) return { action: 'allow' }
    const back = safeRedirectPath(input.fullPath, DASHBOARD_PATH)
    const to = input.pending ? taskPath(input.task) : SIGN_IN_PATH
    return { action: 'redirect', to: `${to}?redirect_url=${encodeURIComponent(back)}` }
  }
  if (isAuthPath(path)) return { action: 'allow' }
  if (input.onboarded === undefined) return { action: 'ask' }
  if (!input.onboarded) {
    return path === ONBOARDING_PATH ? { action: 'allow' } : { action: 'redirect', to: ONBOARDING_PATH }
  }
  if (path === ONBOARDING_PATH) return { action: 'redirect', to: DASHBOARD_PATH }
  return { action: 'allow' }
}
