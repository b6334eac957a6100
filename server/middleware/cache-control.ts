import type { ServerResponse } from 'node:http'

const PRIVATE = 'private, no-store'

/**
 * Every answer the server computes (pages, API answers, redirects and errors, for signed-in and
 * signed-out callers alike) stays out of every cache, the browser's included, so nothing rendered
 * for a user can be shown again after sign-out. Static files under /_nuxt/ are served before the
 * middleware and keep their long cache. Nitro's error handler sets `no-cache` on every 404 whatever
 * was set before, so the header is set once more as the response head is written. Runs first (file
 * order), so Clerk's own redirects carry it too.
 */
export default defineEventHandler((event) => {
  const res = event.node.res
  res.setHeader('cache-control', PRIVATE)
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!this.headersSent) this.setHeader('cache-control', PRIVATE)
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
})
