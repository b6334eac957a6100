// Startup and liveness probe for Cloud Run; it never calls Clerk, so a Clerk outage does not restart us.
// (Cloud Run reserves paths ending in `z`, hence not /healthz.)
// Like every answer, it is `private, no-store` (server/middleware/cache-control.ts).
export default defineEventHandler(() => ({ status: 'ok' }))
