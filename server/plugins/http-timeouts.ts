import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { Server } from 'node:http'

// Node's node:net channel that hands over a server as it starts to listen, before 'listening'.
const LISTEN = 'tracing:net.server.listen:asyncStart'
// How often Node compares open connections with the timeouts; its default (30 s) would let a slow
// client stay up to 30 s past them.
const CHECK_EVERY_MS = 1000

/**
 * Limits for slow clients on the HTTP server of Nitro's node-server preset, which takes no options:
 * the request's headers within NUXT_HTTP_TIMEOUTS_HEADERS_SECONDS (10 s) and the whole request,
 * body included, within NUXT_HTTP_TIMEOUTS_REQUEST_SECONDS (30 s), else Node answers 408 and closes
 * the connection. Node's defaults (60 s, 300 s) let one account hold hundreds of connections open
 * by trickling bodies. The server is set up as it starts to listen, through the channel above.
 */
export default defineNitroPlugin(() => {
  if (import.meta.dev || import.meta.prerender) return
  const { headersSeconds, requestSeconds } = useRuntimeConfig().httpTimeouts
  const requestMs = (Number(requestSeconds) || 30) * 1000
  const headersMs = Math.min((Number(headersSeconds) || 10) * 1000, requestMs)
  const configure = (message: unknown) => {
    const { server } = message as { server?: unknown }
    if (!(server instanceof Server)) return
    unsubscribe(LISTEN, configure)
    server.headersTimeout = headersMs
    server.requestTimeout = requestMs
    ;(server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = CHECK_EVERY_MS
  }
  subscribe(LISTEN, configure)
})
