import type { EmulatorOptions } from './options.ts'
import type { ProductionHosts } from './urls.ts'

/**
 * The hosts of a production instance, from its first `--origin`; throws with the reason when the
 * options cannot describe one (no origin, or a single-label host such as `localhost`, on which a
 * browser refuses a cookie for the parent domain).
 */
export function productionHosts(options: Pick<EmulatorOptions, 'instance' | 'origins'>): ProductionHosts | null {
  if (options.instance !== 'production') return null
  const first = options.origins[0]
  if (!first) throw new Error('--instance production needs --origin <app origin>, e.g. --origin http://app.localhost:3000')
  const host = new URL(first).hostname
  if (!host.includes('.') || host.startsWith('[') || /^[\d.]+$/.test(host)) {
    throw new Error(`--instance production needs an app origin on a domain name with a parent, e.g. http://app.localhost:3000; "${first}" has none, so no cookie could be shared with clerk.${host}`)
  }
  return { appDomain: host, frontendApiHost: `clerk.${host}` }
}
