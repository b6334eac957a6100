import { eventHandler } from 'h3'
import type { EmulatorContext } from '../context.ts'

/** Records every answered request (refused ones too) for the console, and logs it to stderr unless quiet. */
export function logRequests(ctx: EmulatorContext) {
  return eventHandler((event) => {
    const started = Date.now()
    const path = event.path.split('?')[0]!
    event.node.res.once('finish', () => {
      const ms = Date.now() - started
      ctx.requests.add({ at: started, method: event.method, path, status: event.node.res.statusCode, ms })
      if (!ctx.options.quiet) ctx.log(`${event.method} ${path} ${event.node.res.statusCode} ${ms}ms`)
    })
  })
}
