import { getQuery, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkHandler, notFound, sendJson } from '../http.ts'
import { describeConfig } from '../instance-config.ts'
import { previewToken } from './token-preview.ts'

/** Console-only reads: the configuration, the token preview and the request log. Everything else goes through the Backend API. */
export function registerConsoleApiRoutes(router: Router, ctx: EmulatorContext): void {
  router.get('/token-preview', clerkHandler(async (event) => {
    const { user_id: userId } = getQuery(event)
    const user = typeof userId === 'string' ? ctx.store.data.users[userId] : undefined
    if (!user) throw notFound('user')
    return sendJson(event, await previewToken(ctx, user))
  }))
  // Read-only, as a dashboard page would show it: the settings come from flags, variables and --config.
  router.get('/config', clerkHandler(event => sendJson(event, { file: ctx.options.configFile ?? null, settings: describeConfig(ctx.config).map(([label, value]) => ({ label, value })) })))
  router.get('/requests', clerkHandler(event => sendJson(event, { data: ctx.requests.entries })))
  router.delete('/requests', clerkHandler((event) => {
    ctx.requests.clear()
    return sendJson(event, { data: [] })
  }))
}
