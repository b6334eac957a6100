import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { toNodeListener } from 'h3'
import { createEmulatorApp } from './app.ts'
import type { EmulatorContext } from './context.ts'
import { wiringEnv } from './env.ts'
import { Faults, type ActiveFaultRule, type FaultRule } from './faults.ts'
import { ImageStore } from './images.ts'
import { productionHosts } from './instance.ts'
import { applyJwtTemplates } from './jwt-templates.ts'
import { loadInstanceKeys, type InstanceKeys } from './keys.ts'
import { resolveOptions, type EmulatorOptions } from './options.ts'
import { applySeed } from './seed.ts'
import { Store } from './store.ts'

export type { EmulatorOptions } from './options.ts'
export type { ActiveFaultRule, FaultRule } from './faults.ts'

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string
  /** The NUXT_* variables that wire an app to this emulator (other SDKs: wiringEnv in env.ts). */
  env: Record<string, string>
  keys: InstanceKeys
  store: Store
  ctx: EmulatorContext
  /** Replaces the fault rules (see faults.ts); throws on an invalid rule. */
  setFaults: (rules: FaultRule[]) => ActiveFaultRule[]
  clearFaults: () => void
  stop: () => Promise<void>
}

export async function startEmulator(partial: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const options = resolveOptions(partial)
  const production = productionHosts(options)
  const dataDir = options.memory ? null : resolve(options.dataDir)
  const keys = await loadInstanceKeys(dataDir, production)
  const store = new Store(dataDir)
  await store.load()
  if (options.seed) await applySeed(store, options.seed)
  applyJwtTemplates(store, options.jwtTemplates)

  const ctx: EmulatorContext = {
    options,
    store,
    images: new ImageStore(dataDir),
    keys,
    faults: new Faults(),
    baseUrl: '',
    fapiPrefix: '/fapi',
    bapiPrefix: '/bapi',
    production,
    log: (message, fields) => {
      if (!options.quiet) console.error(`[clerk-emulator] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`)
    },
  }
  const server: Server = createServer(toNodeListener(createEmulatorApp(ctx)))
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  // A wildcard bind address is not somewhere a client can connect to: advertise loopback instead.
  const advertised = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host
  const host = advertised.includes(':') ? `[${advertised}]` : advertised
  ctx.baseUrl = `http://${host}:${port}`

  return {
    url: ctx.baseUrl,
    env: wiringEnv(ctx, { framework: 'nuxt' }),
    keys,
    store,
    ctx,
    setFaults: rules => ctx.faults.set(rules),
    clearFaults: () => ctx.faults.clear(),
    stop: async () => {
      await new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      })
      await store.commit()
    },
  }
}
