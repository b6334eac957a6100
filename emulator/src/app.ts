import { createApp, createRouter, eventHandler, getRequestHeader, setResponseStatus, useBase, type App } from 'h3'
import { registerBapiRoutes } from './bapi/index.ts'
import { registerBundleRoutes } from './bundles.ts'
import { registerConsoleApiRoutes } from './console/api.ts'
import { logRequests } from './console/log-requests.ts'
import { registerConsolePages } from './console/pages.ts'
import type { EmulatorContext } from './context.ts'
import { wiringEnvForRequest } from './env.ts'
import { registerExportImportRoutes } from './export-import.ts'
import { applyCorsHeaders, applyPreflightHeaders, isOriginAllowed } from './fapi/cors.ts'
import { registerFapiRoutes, registerOutboxRoutes } from './fapi/index.ts'
import { registerFaultRoutes } from './control/faults.ts'
import { applyFault } from './faults.ts'
import { clerkError, clerkHandler, sendClerkError, sendJson } from './http.ts'
import { lockdownHandler } from './lockdown.ts'
import { registerOAuthProviderRoutes } from './oauth/routes.ts'
import { registerPortalRoutes } from './portal/routes.ts'
import { emptyData } from './store.ts'
import { BAPI_PREFIX, FAPI_PREFIX, OAUTH_PREFIX, PORTAL_PREFIX } from './urls.ts'
import { registerWebhookRoutes } from './webhooks/routes.ts'
import { webhookEnv } from './webhooks/env.ts'

export function createEmulatorApp(ctx: EmulatorContext): App {
  const app = createApp()

  app.use(logRequests(ctx))
  app.use(lockdownHandler(ctx))
  app.use(eventHandler(async (event) => {
    // The emulator's own control routes are never subject to injected faults.
    if (!event.path.startsWith('/__emulator')) return applyFault(ctx.faults, event, origin => isOriginAllowed(ctx, origin))
  }))

  const control = createRouter()
  control.get('/env', clerkHandler(event => sendJson(event, { ...wiringEnvForRequest(event, ctx), ...webhookEnv(ctx) })))
  control.get('/health', clerkHandler(event => sendJson(event, { ok: true })))
  control.post('/reset', clerkHandler(async (event) => {
    // A reset is not a series of deletions: it emits no webhook events.
    ctx.webhooks.rebase(emptyData())
    await ctx.store.reset()
    return sendJson(event, { ok: true })
  }))
  registerFaultRoutes(control, ctx)
  registerOutboxRoutes(control, ctx)
  registerWebhookRoutes(control, ctx)
  registerExportImportRoutes(control, ctx)
  registerConsoleApiRoutes(control, ctx)
  app.use('/__emulator', useBase('/__emulator', control.handler))

  const fapi = createRouter()
  registerFapiRoutes(fapi, ctx)
  app.use(FAPI_PREFIX, useBase(FAPI_PREFIX, fapi.handler))

  const bapi = createRouter()
  registerBapiRoutes(bapi, ctx)
  app.use(BAPI_PREFIX, useBase(BAPI_PREFIX, bapi.handler))

  const portal = createRouter()
  registerPortalRoutes(portal, ctx)
  app.use(PORTAL_PREFIX, useBase(PORTAL_PREFIX, portal.handler))

  const oauth = createRouter()
  registerOAuthProviderRoutes(oauth, ctx)
  app.use(OAUTH_PREFIX, useBase(OAUTH_PREFIX, oauth.handler))

  const consolePages = createRouter()
  registerConsolePages(consolePages, ctx)
  app.use(consolePages)

  const bundles = createRouter()
  registerBundleRoutes(bundles, ctx)
  app.use(bundles)

  app.use(eventHandler((event) => {
    // The same CORS answer as a real route, so clerk-js can read this 404 instead of seeing a CORS failure.
    const origin = getRequestHeader(event, 'origin')
    if (origin && isOriginAllowed(ctx, origin)) {
      applyCorsHeaders(event, origin)
      if (event.method === 'OPTIONS') {
        applyPreflightHeaders(event)
        setResponseStatus(event, 204)
        return ''
      }
    }
    return sendClerkError(event, clerkError(404, 'resource_not_found', 'not found', `No route for ${event.method} ${event.path.split('?')[0]}.`))
  }))
  return app
}
