import type { Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { randomBase62 } from '../ids.ts'
import type { DevBrowserRecord } from '../store.ts'
import { environmentJson } from './environment.ts'
import { fapiRoute, type FapiRequest } from './request.ts'
import { clientJson, withClient } from './serialize.ts'
import { createClient, signOutClient } from './state.ts'

// Loading clerk-js in a development instance: POST /v1/dev_browser (once per browser), then
// PATCH /v1/environment and GET /v1/client in parallel. Sign-out: DELETE /v1/client/sessions.

/** Each dev browser owns one client from the start, so GET /v1/client always has one to show. */
export function createDevBrowser(req: { ctx: EmulatorContext }): DevBrowserRecord {
  const store = req.ctx.store
  const token = `dvb_${randomBase62(32)}`
  const client = createClient(store)
  const record: DevBrowserRecord = { id: token, token, client_id: client.id, created_at: Date.now() }
  store.data.devBrowsers[token] = record
  return record
}

async function currentClient(req: FapiRequest) {
  return clientJson(req.ctx, req.client(), req.origin)
}

export function registerClientRoutes(router: Router, ctx: EmulatorContext): void {
  fapiRoute(router, ctx, '/v1/dev_browser', {
    POST: (req) => {
      const record = createDevBrowser(req)
      return { object: 'dev_browser', id: record.token }
    },
  })

  fapiRoute(router, ctx, '/v1/environment', {
    GET: req => environmentJson(req.ctx),
    // Development clerk-js "touches" the environment with PATCH on every load; nothing to record.
    PATCH: req => environmentJson(req.ctx),
    POST: req => environmentJson(req.ctx),
  })

  fapiRoute(router, ctx, '/v1/client', {
    GET: async (req) => {
      const json = await currentClient(req)
      return { response: json, client: json }
    },
    // Client.create(): a fresh client for this browser, the old one's sessions left behind.
    PUT: async (req) => {
      const devBrowser = req.devBrowser()
      const client = createClient(req.store)
      devBrowser.client_id = client.id
      const json = await clientJson(req.ctx, client, req.origin)
      return { response: json, client: json }
    },
    POST: async (req) => {
      const json = await currentClient(req)
      return { response: json, client: json }
    },
    // Client.destroy(): ends every session; the browser keeps its (now empty) client.
    DELETE: async (req) => {
      const client = req.client()
      signOutClient(req.store, client, 'ended')
      return withClient(req.ctx, client, req.origin, await clientJson(req.ctx, client, req.origin))
    },
  })

  // Client.removeSessions(), what signOut() calls: all sessions removed, the client kept.
  fapiRoute(router, ctx, '/v1/client/sessions', {
    DELETE: async (req) => {
      const client = req.client()
      signOutClient(req.store, client, 'removed')
      return withClient(req.ctx, client, req.origin, await clientJson(req.ctx, client, req.origin))
    },
  })
}
