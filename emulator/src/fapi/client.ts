import { signOutClient } from '../clients.ts'
import { createDevBrowser } from '../dev-browsers.ts'
import { environmentJson } from './environment.ts'
import { fapiErrors } from './errors.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { clientJson, withClient } from './json.ts'

// Loading clerk-js in a development instance: POST /v1/dev_browser (once per browser), then
// PATCH /v1/environment and GET /v1/client in parallel. Sign-out: DELETE /v1/client/sessions.

async function currentClient(req: FapiRequest) {
  return clientJson(req.ctx, req.client(), req.origin)
}

export const clientRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/dev_browser', handler: (req) => {
    if (req.ctx.production) throw fapiErrors.devBrowserNotSupported()
    const record = createDevBrowser(req.store)
    return { object: 'dev_browser', id: record.token }
  } },

  { method: 'GET', path: '/v1/environment', handler: req => environmentJson(req.ctx) },
  // Development clerk-js "touches" the environment with PATCH on every load; nothing to record.
  { method: 'PATCH', path: '/v1/environment', handler: req => environmentJson(req.ctx) },
  { method: 'POST', path: '/v1/environment', handler: req => environmentJson(req.ctx) },

  { method: 'GET', path: '/v1/client', handler: async (req) => {
    const json = await currentClient(req)
    return { response: json, client: json }
  } },
  // Client.create(): a fresh client for this browser, the old one's sessions left behind.
  { method: 'PUT', path: '/v1/client', handler: async (req) => {
    const client = req.replaceClient()
    const json = await clientJson(req.ctx, client, req.origin)
    return { response: json, client: json }
  } },
  { method: 'POST', path: '/v1/client', handler: async (req) => {
    const json = await currentClient(req)
    return { response: json, client: json }
  } },
  // Client.destroy(): ends every session; the browser keeps its (now empty) client.
  { method: 'DELETE', path: '/v1/client', handler: async (req) => {
    const client = req.client()
    signOutClient(req.store, client, 'ended')
    return withClient(req.ctx, client, req.origin, await clientJson(req.ctx, client, req.origin))
  } },

  // Client.removeSessions(), what signOut() calls: all sessions removed, the client kept.
  { method: 'DELETE', path: '/v1/client/sessions', handler: async (req) => {
    const client = req.client()
    signOutClient(req.store, client, 'removed')
    return withClient(req.ctx, client, req.origin, await clientJson(req.ctx, client, req.origin))
  } },
]
