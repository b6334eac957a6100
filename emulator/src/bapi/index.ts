import type { Router } from 'h3'
import type { EmulatorContext } from '../context.ts'

// Stub written by the lead; the Backend API helper replaces it. Routes are relative to /bapi.
export function registerBapiRoutes(_router: Router, _ctx: EmulatorContext): void {}
