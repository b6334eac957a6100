import type { RequestLog } from './console/request-log.ts'
import type { Faults } from './faults.ts'
import type { ImageStore } from './images.ts'
import type { ProductionHosts } from './instance.ts'
import type { InstanceKeys } from './keys.ts'
import type { EmulatorOptions } from './options.ts'
import type { Store } from './store.ts'
import type { Webhooks } from './webhooks/deliveries.ts'

/** Everything a route needs; built once in index.ts and passed to every route module. */
export interface EmulatorContext {
  options: EmulatorOptions
  store: Store
  /** Uploaded profile images, beside the state file. */
  images: ImageStore
  keys: InstanceKeys
  faults: Faults
  /** Clerk's events for every change, signed and delivered to `--webhook-url` endpoints. */
  webhooks: Webhooks
  /** Recent requests, for the console. */
  requests: RequestLog
  /** Filled in after listen(): the emulator's own base URL, e.g. http://127.0.0.1:4010. */
  baseUrl: string
  /** Path prefixes: the Frontend API lives under /fapi (the apps' proxyUrl), the Backend API under /bapi (apiUrl). */
  fapiPrefix: '/fapi'
  bapiPrefix: '/bapi'
  log: (message: string, fields?: Record<string, unknown>) => void
  /** Set for `--instance production`: the app's domain and the Frontend API's host. */
  production: ProductionHosts | null
}

/** Where browsers reach the Frontend API: in production on its own host (`clerk.<app domain>`), same port. */
export function fapiUrl(ctx: EmulatorContext): string {
  if (!ctx.production) return `${ctx.baseUrl}${ctx.fapiPrefix}`
  const port = new URL(ctx.baseUrl).port
  return `http://${ctx.production.frontendApiHost}${port ? `:${port}` : ''}${ctx.fapiPrefix}`
}

export function bapiUrl(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}${ctx.bapiPrefix}`
}
