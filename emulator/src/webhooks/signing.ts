import { createHmac, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

// Svix's scheme, which @clerk/backend's verifyWebhook checks through the standardwebhooks package:
// `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed by the secret's base64 bytes.

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/** The three headers Svix sends; `timestampSeconds` is the attempt's own time, as Svix re-signs each attempt. */
export function svixHeaders(secret: string, id: string, body: string, timestampSeconds: number): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
  return { 'svix-id': id, 'svix-timestamp': String(timestampSeconds), 'svix-signature': `v1,${signature}` }
}

/** One secret per data dir (`webhooks.json`, owner-only), a fresh one per run in memory. */
export async function loadSigningSecret(dataDir: string | null): Promise<string> {
  if (!dataDir) return newSigningSecret()
  const file = join(dataDir, 'webhooks.json')
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { signing_secret?: unknown }
    if (typeof parsed.signing_secret === 'string' && parsed.signing_secret.startsWith('whsec_')) return parsed.signing_secret
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const secret = newSigningSecret()
  await saveSigningSecret(dataDir, secret)
  return secret
}

export async function saveSigningSecret(dataDir: string, secret: string): Promise<void> {
  const file = join(dataDir, 'webhooks.json')
  await mkdir(dataDir, { recursive: true })
  await writeFile(`${file}.tmp`, JSON.stringify({ signing_secret: secret }, null, 2), { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}
