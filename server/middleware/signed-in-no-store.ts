/**
 * Whatever is rendered for a signed-in user (pages and API answers) stays out of every cache, the
 * browser's included, so nothing of it can be shown again after sign-out. Runs after clerk.ts.
 */
export default defineEventHandler((event) => {
  const auth = typeof event.context.auth === 'function' ? event.context.auth({ treatPendingAsSignedOut: false }) : null
  if (auth && 'userId' in auth && auth.userId) setResponseHeader(event, 'cache-control', 'private, no-store')
})
