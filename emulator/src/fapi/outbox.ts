import { eventHandler, getQuery, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { listEmails, listSms } from '../emails.ts'
import { sendJson } from '../http.ts'

/** `GET <prefix>/emails` and `<prefix>/sms`: the control router mounts them at /__emulator, the FAPI router at /fapi/__emulator. */
export function registerOutboxRoutes(router: Router, ctx: EmulatorContext, prefix = ''): void {
  router.get(`${prefix}/emails`, eventHandler((event) => {
    const { to } = getQuery(event)
    const data = listEmails(ctx, typeof to === 'string' ? to : undefined)
    return sendJson(event, { data, total_count: data.length })
  }))
  router.get(`${prefix}/sms`, eventHandler((event) => {
    const { to } = getQuery(event)
    const data = listSms(ctx, typeof to === 'string' ? to : undefined)
    return sendJson(event, { data, total_count: data.length })
  }))
}
