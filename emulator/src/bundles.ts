import type { Router } from 'h3'
import type { EmulatorContext } from './context.ts'

// Stub written by the lead; the Frontend API helper owns this file (serves clerk-js/ui dist offline).

export function clerkJsUrl(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}/npm/@clerk/clerk-js/dist/clerk.browser.js`
}

export function clerkUiUrl(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}/npm/@clerk/ui/dist/ui.browser.js`
}

export function registerBundleRoutes(_router: Router, _ctx: EmulatorContext): void {}
