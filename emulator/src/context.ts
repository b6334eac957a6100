import type { RequestLog } from './console/request-log.ts'
import type { Faults } from './faults.ts'
import type { ImageStore } from './images.ts'
import type { InstanceConfig } from './instance-config.ts'
import type { InstanceKeys } from './keys.ts'
import type { EmulatorOptions } from './options.ts'
import type { Store } from './store.ts'
import type { EmulatorAddress } from './urls.ts'
import type { Webhooks } from './webhooks/deliveries.ts'

// Types only, from modules that never import this one: every layer above can take a context.

/** Everything a route needs; built once in index.ts and passed to every route module. */
export interface EmulatorContext extends EmulatorAddress {
  /** How the emulator was started (ports, files, logging); the instance's own settings are `config`. */
  options: EmulatorOptions
  /** The instance's configuration, as Clerk's dashboard sets it. */
  config: InstanceConfig
  store: Store
  /** Uploaded profile images, beside the state file. */
  images: ImageStore
  keys: InstanceKeys
  faults: Faults
  /** Clerk's events for every change, signed and delivered to `--webhook-url` endpoints. */
  webhooks: Webhooks
  /** Recent requests, for the console. */
  requests: RequestLog
  log: (message: string, fields?: Record<string, unknown>) => void
}
