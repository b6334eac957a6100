import { readFile, writeFile } from 'node:fs/promises'
import { readRawBody, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from './context.ts'
import { clerkError, clerkHandler, sendJson } from './http.ts'
import { keysFromFile, writeKeyFile, type KeyFile } from './keys.ts'
import { isTotpSecret } from './mfa.ts'
import { emptyData, type StoreData } from './store.ts'
import { saveSigningSecret } from './webhooks/signing.ts'

// The whole instance as one JSON file: keys (so tokens minted before an export still verify after
// the import), the webhook signing secret and every record. Export, import, export gives the same bytes.

export const EXPORT_FORMAT = 'clerk-emulator-export'
const IMPORT_LIMIT_BYTES = 32 * 1024 * 1024

export interface EmulatorExport {
  format: typeof EXPORT_FORMAT
  version: 1
  keys: KeyFile
  webhook_signing_secret: string
  state: StoreData
}

export function exportState(ctx: EmulatorContext): string {
  const document: EmulatorExport = {
    format: EXPORT_FORMAT,
    version: 1,
    keys: ctx.keys.file,
    webhook_signing_secret: ctx.webhooks.secret,
    state: ctx.store.data,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

const invalid = (message: string) => clerkError(422, 'import_invalid', 'Invalid export file', message)

function isRecordMap(value: unknown): value is Record<string, unknown> {
  return isObject(value) && Object.values(value).every(isObject)
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
const isOptionalNumber = (v: unknown) => v == null || isNumber(v)
const isTotp = (v: unknown) => isObject(v) && typeof v.id === 'string' && typeof v.secret === 'string' && isTotpSecret(v.secret)
const isBackupCodes = (v: unknown) => isObject(v) && typeof v.id === 'string' && Array.isArray(v.digests) && v.digests.every(d => typeof d === 'string' && /^[0-9a-f]{64}$/.test(d))
const SESSION_STATUSES = new Set(['active', 'ended', 'removed', 'revoked', 'expired', 'abandoned'])

/** The fields every route reads without checking; a record missing one would fail later as a 5xx. */
const RECORD_CHECKS: Partial<Record<keyof StoreData, (r: Record<string, unknown>) => boolean>> = {
  users: r => Array.isArray(r.email_addresses) && r.email_addresses.every(e => isObject(e) && typeof e.id === 'string' && typeof e.email_address === 'string')
    && (r.phone_numbers === undefined || (Array.isArray(r.phone_numbers) && r.phone_numbers.every(p => isObject(p) && typeof p.id === 'string' && typeof p.phone_number === 'string')))
    && isObject(r.public_metadata) && isObject(r.private_metadata) && isObject(r.unsafe_metadata)
    && typeof r.banned === 'boolean' && isNumber(r.created_at) && isNumber(r.updated_at)
    && (r.totp == null || isTotp(r.totp)) && (r.backup_codes == null || isBackupCodes(r.backup_codes))
    && [r.mfa_enabled_at, r.mfa_disabled_at].every(isOptionalNumber),
  sessions: r => typeof r.user_id === 'string' && typeof r.client_id === 'string' && SESSION_STATUSES.has(r.status as string)
    && ['created_at', 'updated_at', 'last_active_at', 'expire_at', 'abandon_at', 'factor_verified_at'].every(k => isNumber(r[k]))
    && isOptionalNumber(r.second_factor_verified_at),
  clients: r => Array.isArray(r.session_ids) && r.session_ids.every(id => typeof id === 'string'),
  devBrowsers: r => typeof r.token === 'string',
  emails: r => typeof r.to === 'string' && typeof r.subject === 'string' && isNumber(r.created_at),
  sms: r => typeof r.to === 'string' && isNumber(r.created_at),
  totpEnrollments: r => isTotp(r) && typeof r.user_id === 'string',
  organizations: r => typeof r.name === 'string' && typeof r.slug === 'string' && isObject(r.public_metadata) && isObject(r.private_metadata),
  organizationMemberships: r => typeof r.organization_id === 'string' && typeof r.user_id === 'string' && typeof r.role === 'string',
  organizationInvitations: r => typeof r.organization_id === 'string' && typeof r.email_address === 'string' && typeof r.role === 'string',
}

function checkRecords(state: Record<string, unknown>): void {
  for (const [table, check] of Object.entries(RECORD_CHECKS)) {
    for (const [key, record] of Object.entries((state[table] ?? {}) as Record<string, Record<string, unknown>>)) {
      if (typeof record.id !== 'string' || record.id !== key || !check!(record)) throw invalid(`"state.${table}.${key}" is not a valid record.`)
    }
  }
}

/** Checks an export file's shape; a Clerk-shaped 4xx names what is wrong, nothing is applied. */
export function parseExport(text: string): EmulatorExport {
  let parsed: unknown
  try { parsed = JSON.parse(text) }
  catch { throw clerkError(400, 'malformed_request_body', 'Malformed JSON', 'The export file is not valid JSON.') }
  const doc = parsed as Partial<EmulatorExport> | null
  if (!doc || typeof doc !== 'object' || doc.format !== EXPORT_FORMAT) throw invalid(`Not an export file: "format" must be "${EXPORT_FORMAT}".`)
  if (doc.version !== 1) throw invalid('Unsupported export version; this emulator reads version 1.')
  const keys = doc.keys as Partial<KeyFile> | undefined
  if (!keys || !['kid', 'privateKeyPem', 'secretKey', 'slug'].every(k => typeof keys[k as keyof KeyFile] === 'string')) {
    throw invalid('"keys" must hold kid, privateKeyPem, secretKey and slug.')
  }
  if (typeof doc.webhook_signing_secret !== 'string' || !doc.webhook_signing_secret.startsWith('whsec_')) throw invalid('"webhook_signing_secret" must be a whsec_ secret.')
  const state = doc.state as Record<string, unknown> | undefined
  if (!state || typeof state !== 'object' || Array.isArray(state)) throw invalid('"state" must be an object.')
  for (const name of Object.keys(emptyData())) {
    if (name === 'version') continue
    if (state[name] !== undefined && !isRecordMap(state[name])) throw invalid(`"state.${name}" must be an object of records.`)
  }
  checkRecords(state)
  return doc as EmulatorExport
}

/** Replaces keys, secret and state in place (every holder of ctx.keys sees the new keys) and persists them. */
export async function applyImport(ctx: EmulatorContext, doc: EmulatorExport): Promise<void> {
  let keys
  try { keys = await keysFromFile(doc.keys, ctx.production) }
  catch { throw invalid('"keys.privateKeyPem" is not a usable private key.') }
  Object.assign(ctx.keys, keys)
  ctx.webhooks.config.secret = doc.webhook_signing_secret
  ctx.store.data = { ...emptyData(), ...doc.state, version: 1 }
  // An import is a replacement, not a series of changes: it emits no webhook events.
  ctx.webhooks.rebase(ctx.store.data)
  const dataDir = ctx.store.file ? ctx.store.file.replace(/[/\\]state\.json$/, '') : null
  if (dataDir) {
    await writeKeyFile(dataDir, doc.keys)
    await saveSigningSecret(dataDir, doc.webhook_signing_secret)
  }
  await ctx.store.commit()
}

export async function importFile(ctx: EmulatorContext, file: string): Promise<void> {
  await applyImport(ctx, parseExport(await readFile(file, 'utf8')))
}

export async function exportToFile(ctx: EmulatorContext, file: string): Promise<void> {
  await writeFile(file, exportState(ctx), { mode: 0o600 })
}

async function readImportBody(event: H3Event): Promise<string> {
  const declared = Number(event.node.req.headers['content-length'] ?? 0)
  if (declared > IMPORT_LIMIT_BYTES) throw clerkError(413, 'request_body_too_large', 'Request body too large', `Imports are limited to ${IMPORT_LIMIT_BYTES} bytes.`)
  const raw = await readRawBody(event, false)
  if (raw && raw.length > IMPORT_LIMIT_BYTES) throw clerkError(413, 'request_body_too_large', 'Request body too large', `Imports are limited to ${IMPORT_LIMIT_BYTES} bytes.`)
  return raw?.toString('utf8') ?? ''
}

/** `GET /__emulator/export` downloads the file; `POST /__emulator/import` takes one as its body. */
export function registerExportImportRoutes(router: Router, ctx: EmulatorContext): void {
  router.get('/export', clerkHandler((event) => {
    event.node.res.setHeader('content-type', 'application/json')
    event.node.res.setHeader('content-disposition', 'attachment; filename="clerk-emulator-export.json"')
    event.node.res.setHeader('cache-control', 'no-store')
    return exportState(ctx)
  }))
  router.post('/import', clerkHandler(async (event) => {
    const doc = parseExport(await readImportBody(event))
    await applyImport(ctx, doc)
    ctx.log('state imported', { users: Object.keys(ctx.store.data.users).length })
    return sendJson(event, { ok: true, users: Object.keys(ctx.store.data.users).length })
  }))
}
