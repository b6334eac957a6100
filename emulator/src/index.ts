import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { toNodeListener } from 'h3'
import { createEmulatorApp } from './app.ts'
import { deletedJson, sessionJson, userJson } from './bapi/json.ts'
import { invitationJson, membershipJson, organizationJson } from './bapi/organization-json.ts'
import { RequestLog } from './console/request-log.ts'
import type { EmulatorContext } from './context.ts'
import { wiringEnv } from './env.ts'
import { exportToFile, importFile } from './export-import.ts'
import { Faults, type ActiveFaultRule, type FaultRule } from './faults.ts'
import { ImageStore } from './images.ts'
import { instanceConfig, productionHosts } from './instance-config.ts'
import { applyJwtTemplates } from './jwt-templates.ts'
import { loadInstanceKeys, type InstanceKeys } from './keys.ts'
import { resolveOptions, type EmulatorOptions } from './options.ts'
import { applySeed } from './seed.ts'
import { Store } from './store.ts'
import { SVIX_RETRY_DELAYS_MS, Webhooks } from './webhooks/deliveries.ts'
import { webhookEnv } from './webhooks/env.ts'
import { originOf, requestOrigin } from './webhooks/request-context.ts'
import { loadSigningSecret } from './webhooks/signing.ts'

export type { EmulatorOptions } from './options.ts'
export type { ActiveFaultRule, FaultRule } from './faults.ts'
// What a test needs to pass a two-step verification step: the authenticator app's current code.
export { totpCode } from './totp.ts'

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string
  /** The NUXT_* variables that wire an app to this emulator and the webhook signing secret (other SDKs: wiringEnv in env.ts). */
  readonly env: Record<string, string>
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
  const config = instanceConfig(options)
  const production = productionHosts(config)
  const dataDir = options.memory ? null : resolve(options.dataDir)
  const keys = await loadInstanceKeys(dataDir, production)
  const store = new Store(dataDir)
  await store.load()

  const log = (message: string, fields?: Record<string, unknown>) => {
    if (!options.quiet) console.error(`[clerk-emulator] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`)
  }
  const webhooks = new Webhooks({
    endpoints: options.webhookUrls,
    secret: await loadSigningSecret(dataDir),
    instanceId: () => keys.kid,
    retryDelaysMs: options.webhookRetryDelaysMs ?? SVIX_RETRY_DELAYS_MS,
    log,
    // Called only once ctx exists (at the first commit after start).
    json: {
      user: user => userJson(ctx, user),
      session: sessionJson,
      deleted: deletedJson,
      organization: org => organizationJson(ctx, org),
      membership: membership => membershipJson(ctx, membership),
      invitation: invitation => invitationJson(ctx, invitation),
    },
  })
  const ctx: EmulatorContext = {
    options,
    config,
    store,
    images: new ImageStore(dataDir),
    keys,
    faults: new Faults(),
    webhooks,
    requests: new RequestLog(),
    baseUrl: '',
    production,
    log,
  }
  if (options.importFile) await importFile(ctx, options.importFile)
  if (options.seed) await applySeed(store, options.seed)
  applyJwtTemplates(store, config.jwtTemplates)
  // From here on every commit is compared with the previous one for webhook events.
  webhooks.rebase(store.data)
  store.onCommit = (data) => {
    // A webhook bug must never fail the write that triggered it.
    try { webhooks.observe(data) }
    catch (error) { console.error('[clerk-emulator] webhook events could not be computed', error) }
  }

  const listener = toNodeListener(createEmulatorApp(ctx))
  const server: Server = createServer((req, res) => requestOrigin.run(originOf(req), () => listener(req, res)))
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
    get env() { return { ...wiringEnv(ctx, { framework: 'nuxt' }), ...webhookEnv(ctx) } },
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
      webhooks.stop()
      await store.commit()
      if (options.exportOnExit) await exportToFile(ctx, options.exportOnExit)
    },
  }
}
