// Startup and liveness probe for Cloud Run; it never calls Clerk, so a Clerk outage does not restart us.
// (Cloud Run reserves paths ending in `z`, hence not /healthz.)
export default defineEventHandler((event) => {
  setResponseHeader(event, 'cache-control', 'no-store')
  return { status: 'ok' }
})
