import type { ServerResponse } from 'node:http'

const PRIVATE = 'private, no-store'

/**
 * Whatever is rendered for a signed-in user (pages and API answers, errors included) stays out of
 * every cache, the browser's included, so nothing of it can be shown again after sign-out. Runs
 * after clerk.ts. Nitro's error handler sets `no-cache` on every 404 whatever was set before, so
 * the header is set once more as the response head is written.
 */
export default defineEventHandler((event) => {
  const auth = typeof event.context.auth === 'function' ? event.context.auth({ treatPendingAsSignedOut: false }) : null
  if (!auth || !('userId' in auth) || !auth.userId) return
  const res = event.node.res
  res.setHeader('cache-control', PRIVATE)
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!this.headersSent) this.setHeader('cache-control', PRIVATE)
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
})
