import type { Router } from 'h3'
import type { EmulatorContext } from '../context.ts'

// Stub written by the lead; the Frontend API helper replaces it. Routes are relative to /fapi.
export function registerFapiRoutes(_router: Router, _ctx: EmulatorContext): void {}
