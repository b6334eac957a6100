import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import type { InstanceConfig } from './instance-config.ts'
import type { BackupCodesRecord, Store, TotpEnrollmentRecord, TotpRecord, UserRecord } from './store.ts'
import { base32Decode, newTotpSecret, otpauthUri, verifyTotp } from './totp.ts'

// A user's second factors (Clerk's TOTP and BackupCode, and the user's two-step flags): setting up
// an authenticator app, backup codes, checking either at sign-in, and turning them off. Synchronous:
// a handler calls these after its last await, so a backup code cannot be spent twice.

/** What `supported_second_factors` may list, in the order Clerk's UI prefers them. */
export type SecondFactorStrategy = 'totp' | 'backup_code'

const BACKUP_CODE_COUNT = 10
const BACKUP_CODE_LENGTH = 8
const BACKUP_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Two-step verification is on while a factor other than backup codes is (Clerk's `two_factor_enabled`). */
export function isTwoFactorEnabled(user: UserRecord): boolean {
  return Boolean(user.totp)
}

/** The user-object fields both APIs carry. */
export function mfaFields(user: UserRecord) {
  return {
    two_factor_enabled: isTwoFactorEnabled(user),
    totp_enabled: Boolean(user.totp),
    backup_code_enabled: Boolean(user.backup_codes?.digests.length),
    mfa_enabled_at: user.mfa_enabled_at ?? null,
    mfa_disabled_at: user.mfa_disabled_at ?? null,
  }
}

/** The second factors the instance offers (`auth_config.second_factors`). */
export function instanceSecondFactors(config: InstanceConfig): SecondFactorStrategy[] {
  return config.mfa === 'off' ? [] : ['totp', 'backup_code']
}

export function offersSecondFactor(config: InstanceConfig, strategy: SecondFactorStrategy): boolean {
  return instanceSecondFactors(config).includes(strategy)
}

/** The second factors a sign-in of this user must pass one of; empty: none is asked for. */
export function signInSecondFactors(config: InstanceConfig, user: UserRecord): SecondFactorStrategy[] {
  const factors: SecondFactorStrategy[] = []
  if (offersSecondFactor(config, 'totp') && user.totp) factors.push('totp')
  // Backup codes stand in for another factor, never alone.
  if (factors.length > 0 && offersSecondFactor(config, 'backup_code') && user.backup_codes?.digests.length) factors.push('backup_code')
  return factors
}

/** Applies a change and keeps `mfa_enabled_at` / `mfa_disabled_at` in step with it. */
function changeFactors(user: UserRecord, change: () => void): void {
  const before = isTwoFactorEnabled(user)
  change()
  const now = Date.now()
  const after = isTwoFactorEnabled(user)
  if (!before && after) user.mfa_enabled_at = now
  if (before && !after) {
    user.mfa_disabled_at = now
    // Backup codes only back up another factor: with none left, they go too.
    user.backup_codes = null
  }
  user.updated_at = now
}

/** Forgets the secret the user was setting up, if any. */
export function dropTotpEnrollment(store: Store, user: UserRecord): void {
  for (const enrollment of Object.values(store.data.totpEnrollments)) {
    if (enrollment.user_id === user.id) delete store.data.totpEnrollments[enrollment.id]
  }
}

/** A new secret for the user's authenticator app, replacing one not yet confirmed (POST /v1/me/totp). */
export function startTotpEnrollment(store: Store, user: UserRecord): TotpEnrollmentRecord {
  dropTotpEnrollment(store, user)
  const now = Date.now()
  const enrollment: TotpEnrollmentRecord = { id: store.newId('totp'), user_id: user.id, secret: newTotpSecret(), created_at: now, updated_at: now }
  store.data.totpEnrollments[enrollment.id] = enrollment
  return enrollment
}

/** What the authenticator app lists: the application (marked as development, as Clerk does) and the user's email address. */
export function totpUri(config: InstanceConfig, user: UserRecord, secret: string): string {
  const issuer = config.environmentType === 'development' ? `${config.applicationName} (development)` : config.applicationName
  const account = user.email_addresses.find(e => e.id === user.primary_email_address_id)?.email_address ?? user.username ?? user.id
  return otpauthUri(secret, issuer, account)
}

export function pendingTotpEnrollment(store: Store, user: UserRecord): TotpEnrollmentRecord | undefined {
  return Object.values(store.data.totpEnrollments).find(e => e.user_id === user.id)
}

/**
 * Turns the pending secret on once the app's code matches; the first factor set up also brings
 * backup codes when the instance offers them, returned in clear this once. Null: wrong code.
 */
export function confirmTotpEnrollment(store: Store, config: InstanceConfig, user: UserRecord, code: string): { totp: TotpRecord, backupCodes: string[] | null } | null {
  const enrollment = pendingTotpEnrollment(store, user)
  if (!enrollment || !verifyTotp(enrollment.secret, code)) return null
  dropTotpEnrollment(store, user)
  const totp: TotpRecord = { id: enrollment.id, secret: enrollment.secret, created_at: enrollment.created_at, updated_at: Date.now() }
  let backupCodes: string[] | null = null
  changeFactors(user, () => {
    user.totp = totp
    if (offersSecondFactor(config, 'backup_code') && !user.backup_codes?.digests.length) backupCodes = replaceBackupCodes(store, user)
  })
  return { totp, backupCodes }
}

/** Turns the authenticator app off, and drops one being set up; null if none was on. */
export function removeTotp(store: Store, user: UserRecord): TotpRecord | null {
  dropTotpEnrollment(store, user)
  const totp = user.totp ?? null
  if (totp) changeFactors(user, () => { user.totp = null })
  return totp
}

/** Second factors set up by the Backend API (`totp_secret`, `backup_codes` on user create and update). */
export interface PresetSecondFactors {
  /** Base32, checked by the caller (isTotpSecret). */
  totpSecret?: string
  backupCodes?: string[]
}

export function isTotpSecret(secret: string): boolean {
  return base32Decode(secret) !== null
}

export function presetSecondFactors(store: Store, user: UserRecord, preset: PresetSecondFactors): void {
  const now = Date.now()
  changeFactors(user, () => {
    if (preset.totpSecret !== undefined) user.totp = { id: store.newId('totp'), secret: preset.totpSecret.replace(/\s+/g, '').toUpperCase(), created_at: now, updated_at: now }
    if (preset.backupCodes !== undefined) replaceBackupCodes(store, user, preset.backupCodes)
  })
}

function digest(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex')
}

function newBackupCode(): string {
  let code = ''
  for (let i = 0; i < BACKUP_CODE_LENGTH; i++) code += BACKUP_CODE_ALPHABET[randomInt(BACKUP_CODE_ALPHABET.length)]
  return code
}

/** A fresh set of backup codes replacing the previous one; the codes are returned in clear this once. */
export function replaceBackupCodes(store: Store, user: UserRecord, codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode)): string[] {
  const now = Date.now()
  const record: BackupCodesRecord = { id: store.newId('bcode'), digests: codes.map(digest), created_at: now, updated_at: now }
  user.backup_codes = record
  user.updated_at = now
  return codes
}

export function removeBackupCodes(user: UserRecord): void {
  if (!user.backup_codes) return
  user.backup_codes = null
  user.updated_at = Date.now()
}

/** Spends a backup code: true (and it is gone) if it is one of the user's unused codes. */
export function consumeBackupCode(user: UserRecord, code: string): boolean {
  const digests = user.backup_codes?.digests ?? []
  const given = Buffer.from(digest(code), 'hex')
  const index = digests.findIndex(d => d.length === given.length * 2 && timingSafeEqual(Buffer.from(d, 'hex'), given))
  if (index < 0) return false
  user.backup_codes = { ...user.backup_codes!, digests: digests.filter((_, i) => i !== index), updated_at: Date.now() }
  user.updated_at = Date.now()
  return true
}

export function checkTotp(user: UserRecord, code: string): boolean {
  return Boolean(user.totp && verifyTotp(user.totp.secret, code))
}

/** Turns every second factor off at once (Backend API `DELETE /v1/users/{id}/mfa`). */
export function disableMfa(store: Store, user: UserRecord): void {
  dropTotpEnrollment(store, user)
  changeFactors(user, () => {
    user.totp = null
    user.backup_codes = null
  })
}
