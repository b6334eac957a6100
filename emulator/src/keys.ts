import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { exportJWK, type JWK } from 'jose'
import { randomBase62 } from './ids.ts'
import type { ProductionHosts } from './urls.ts'

/** The instance's identity: signing key and API keys. One per data dir, stable across restarts. */
export interface InstanceKeys {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
  /** SPKI PEM: what Clerk's dashboard shows as the "JWT public key" (NUXT_CLERK_JWT_KEY). */
  publicKeyPem: string
  jwk: JWK
  secretKey: string
  /**
   * The Frontend API host encoded in the publishable key. In development it ends in
   * `.clerk.accounts.dev` because clerk-js turns the development-browser flow on for that suffix;
   * with `proxyUrl` set it is never contacted. A per-instance slug keeps two emulators' cookies
   * apart on one localhost. In production it is `clerk.<app domain>`.
   */
  frontendApiDomain: string
  publishableKey: string
  /** What keys.json holds; an export carries it. */
  file: KeyFile
}

/** keys.json, and the `keys` of an export file. */
export interface KeyFile {
  kid: string
  privateKeyPem: string
  secretKey: string
  slug: string
}

function generate(): KeyFile {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
  return {
    kid: `ins_${randomBase62()}`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    secretKey: `sk_test_${randomBase62(40)}`,
    slug: `emulator-${randomBase62(8).toLowerCase()}`,
  }
}

async function loadOrCreate(dataDir: string | null): Promise<KeyFile> {
  if (!dataDir) return generate()
  const file = join(dataDir, 'keys.json')
  try {
    return JSON.parse(await readFile(file, 'utf8')) as KeyFile
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const created = generate()
  await writeKeyFile(dataDir, created)
  return created
}

/** Atomically, owner-only: it holds the signing key. */
export async function writeKeyFile(dataDir: string, keys: KeyFile): Promise<void> {
  const file = join(dataDir, 'keys.json')
  await mkdir(dataDir, { recursive: true })
  await writeFile(`${file}.tmp`, JSON.stringify(keys, null, 2), { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}

export function publishableKeyFor(domain: string, live = false): string {
  return `pk_${live ? 'live' : 'test'}_${Buffer.from(`${domain}$`).toString('base64')}`
}

export async function loadInstanceKeys(dataDir: string | null, production: ProductionHosts | null = null): Promise<InstanceKeys> {
  return keysFromFile(await loadOrCreate(dataDir), production)
}

/**
 * A development instance gets `pk_test_`/`sk_test_` keys for `<slug>.clerk.accounts.dev`; a
 * production one `pk_live_`/`sk_live_` keys for its own Frontend API host (instance-config.ts). The
 * signing key and the secret's random part are the key file's either way.
 */
export async function keysFromFile(file: KeyFile, production: ProductionHosts | null = null): Promise<InstanceKeys> {
  const privateKey = createPrivateKey(file.privateKeyPem)
  const publicKey = createPublicKey(privateKey)
  const jwk = { ...(await exportJWK(publicKey)), kid: file.kid, alg: 'RS256', use: 'sig' }
  const frontendApiDomain = production ? production.frontendApiHost : `${file.slug}.clerk.accounts.dev`
  const secret = file.secretKey.replace(/^sk_(test|live)_/, '')
  return {
    kid: file.kid,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk,
    secretKey: `sk_${production ? 'live' : 'test'}_${secret}`,
    frontendApiDomain,
    publishableKey: publishableKeyFor(frontendApiDomain, Boolean(production)),
    file,
  }
}
