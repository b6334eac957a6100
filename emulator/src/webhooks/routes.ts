import { getRouterParam, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, clerkHandler, sendJson } from '../http.ts'

/** `/__emulator/webhooks`: the endpoints and every delivery with its attempts; replay re-sends one. */
export function registerWebhookRoutes(router: Router, ctx: EmulatorContext): void {
  router.get('/webhooks', clerkHandler(event => sendJson(event, {
    endpoints: ctx.webhooks.config.endpoints,
    data: ctx.webhooks.deliveries,
  })))
  router.post('/webhooks/:id/replay', clerkHandler((event) => {
    const id = getRouterParam(event, 'id') ?? ''
    const delivery = ctx.webhooks.replay(id)
    if (!delivery) throw clerkError(404, 'resource_not_found', 'not found', `No webhook delivery ${id}.`)
    return sendJson(event, delivery)
  }))
}
