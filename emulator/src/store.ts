import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { newId } from './ids.ts'

// Every timestamp here is milliseconds since the epoch, as both Clerk APIs send them.

export interface EmailAddressRecord {
  id: string
  email_address: string
  verified: boolean
  created_at: number
  updated_at: number
  /** `from_oauth_google`: verified because a social provider vouched for it, not by a code. */
  verification_strategy?: string | null
  /** The external accounts that carry this address (`{ type: 'oauth_google', id: <identification id> }`). */
  linked_to?: { type: string, id: string }[]
}

export type Metadata = Record<string, unknown>

/** A phone number in E.164 (`+15555550100`); verified by an SMS code, or by the Backend API that created it. */
export interface PhoneNumberRecord {
  id: string
  phone_number: string
  verified: boolean
  created_at: number
  updated_at: number
}

export interface UserRecord {
  id: string
  first_name: string | null
  last_name: string | null
  username: string | null
  email_addresses: EmailAddressRecord[]
  primary_email_address_id: string | null
  /** scrypt digest from passwords.ts; never the clear password. */
  password_digest: string | null
  public_metadata: Metadata
  private_metadata: Metadata
  unsafe_metadata: Metadata
  banned: boolean
  created_at: number
  updated_at: number
  last_sign_in_at: number | null
  last_active_at: number | null
  // Optional: only the Backend API sets these; absent means null.
  external_id?: string | null
  locale?: string | null
  password_last_updated_at?: number | null
  /** The uploaded profile image (images.ts); absent means the default avatar. */
  image_id?: string | null
  /** Absent (users stored before phone numbers) means none. */
  phone_numbers?: PhoneNumberRecord[]
  primary_phone_number_id?: string | null
  /** Marked compromised through the Backend API: the next sign-in must reset it (`reset-password` task). */
  password_compromised?: boolean
  /** Social accounts connected to the user (external-accounts.ts); absent means none. */
  external_accounts?: ExternalAccountRecord[]
  /** The verified authenticator app (mfa.ts); absent means none. */
  totp?: TotpRecord | null
  /** The unused backup codes (mfa.ts); absent means none. */
  backup_codes?: BackupCodesRecord | null
  /** When two-step verification was last turned on and off (Clerk keeps both once set). */
  mfa_enabled_at?: number | null
  mfa_disabled_at?: number | null
}

/** A social account (Clerk's ExternalAccount): verified once its provider vouched for it. */
export interface ExternalAccountRecord {
  /** `eac_…` */
  id: string
  /** `idn_…`: the identification an email address's `linked_to` names. */
  identification_id: string
  /** `oauth_google` */
  provider: string
  /** The provider account (oauthAccounts) behind it; null while a connection waits for the provider. */
  account_id: string | null
  status: 'unverified' | 'verified'
  /** Set when the provider came back with an account that cannot be connected (Clerk's error, shown in <UserProfile/>). */
  error: { code: string, message: string, long_message: string } | null
  /** A connection waiting for the provider: where the browser goes, and until when. */
  redirect_url: string | null
  expire_at: number
  created_at: number
  updated_at: number
}

/** An authenticator app's shared secret (base32, as the otpauth URI carries it). */
export interface TotpRecord {
  id: string
  secret: string
  created_at: number
  updated_at: number
}

/** A set of backup codes, kept as SHA-256 digests; each is removed when used. */
export interface BackupCodesRecord {
  id: string
  digests: string[]
  created_at: number
  updated_at: number
}

/** An account the emulator's fake provider page "has" (oauth/): made there by entering an email and a name. */
export interface OAuthAccountRecord {
  id: string
  /** `oauth_google` */
  provider: string
  /** The account's id at the provider (`provider_user_id`). */
  subject: string
  email_address: string
  first_name: string
  last_name: string
  username: string | null
  created_at: number
}

/**
 * One trip to the provider page and back, keyed by its `state`: single use, short-lived, and bound
 * to the attempt (sign-in, sign-up) or the connection (an external account) that started it.
 */
export interface OAuthAuthorizationRecord {
  /** `oauth_google` */
  provider: string
  client_id: string
  flow: 'sign_in' | 'sign_up' | 'connect'
  /** The sign-in or sign-up id, or for `connect` the external account id. */
  target_id: string
  user_id: string | null
  redirect_url: string
  action_complete_redirect_url: string | null
  /** Set when the person picked an account on the provider page; the callback must present it. */
  code: string | null
  account_id: string | null
  /** The person declined on the provider page (`error=access_denied`). */
  denied: boolean
  expires_at: number
  created_at: number
}

export type SessionStatus = 'active' | 'ended' | 'removed' | 'revoked' | 'expired' | 'abandoned'

export interface SessionRecord {
  id: string
  client_id: string
  user_id: string
  status: SessionStatus
  created_at: number
  updated_at: number
  last_active_at: number
  expire_at: number
  abandon_at: number
  /** Set on every sign-in or re-verification; tokens carry it as `fva`. */
  factor_verified_at: number
  /** When this session's sign-in passed a second factor; absent: it never did (`fva` says -1). */
  second_factor_verified_at?: number | null
  /** The browser that signed in, for <UserProfile/>'s "Active devices" (Frontend API sign-ins only). */
  user_agent?: string | null
  ip_address?: string | null
  /** Session tasks left (session-tasks.ts); while any is, Clerk calls the session `pending`. */
  tasks?: SessionTaskKey[]
  /** The active organization (`setActive({ organization })`); absent or null: the personal account. */
  last_active_organization_id?: string | null
}

export type SessionTaskKey = 'reset-password' | 'setup-mfa' | 'choose-organization'

export interface OrganizationRecord {
  id: string
  name: string
  slug: string
  /** The uploaded logo (images.ts); absent means the default. */
  image_id?: string | null
  public_metadata: Metadata
  private_metadata: Metadata
  /** 0: no limit. */
  max_allowed_memberships: number
  admin_delete_enabled: boolean
  created_by: string | null
  created_at: number
  updated_at: number
}

export interface OrganizationMembershipRecord {
  id: string
  organization_id: string
  user_id: string
  /** A role key, e.g. `org:admin`. */
  role: string
  public_metadata: Metadata
  private_metadata: Metadata
  created_at: number
  updated_at: number
}

/** A custom permission (`org:<feature>:<action>`), created through the Backend API. */
export interface OrganizationPermissionRecord {
  id: string
  key: string
  name: string
  description: string
  created_at: number
  updated_at: number
}

/** A custom role beside the default `org:admin` and `org:member`. */
export interface OrganizationRoleRecord {
  id: string
  key: string
  name: string
  description: string
  permission_ids: string[]
  created_at: number
  updated_at: number
}

export interface OrganizationInvitationRecord {
  id: string
  organization_id: string
  email_address: string
  role: string
  status: 'pending' | 'accepted' | 'revoked'
  inviter_id: string | null
  public_metadata: Metadata
  private_metadata: Metadata
  redirect_url: string | null
  expires_at: number
  created_at: number
  updated_at: number
}

export interface ClientRecord {
  id: string
  session_ids: string[]
  sign_in_id: string | null
  sign_up_id: string | null
  last_active_session_id: string | null
  created_at: number
  updated_at: number
}

/** Development instances identify a browser by this token (`__clerk_db_jwt`). */
export interface DevBrowserRecord {
  id: string
  token: string
  client_id: string | null
  created_at: number
}

// Sign-in and sign-up attempts are owned by the Frontend API (fapi/); their shape lives there.
export interface SignInRecord { id: string, client_id: string, status: string, created_at: number, updated_at: number, [key: string]: unknown }
export interface SignUpRecord { id: string, client_id: string, status: string, created_at: number, updated_at: number, [key: string]: unknown }

/** Backend-issued one-time tokens redeemed by the `ticket` strategy. */
export interface SignInTokenRecord {
  id: string
  token: string
  user_id: string
  status: 'pending' | 'accepted' | 'revoked'
  created_at: number
  updated_at: number
  expires_at: number
}

/** A text message the emulator would have sent (an SMS code); readable by tests, as emails are. */
export interface SmsMessageRecord {
  id: string
  /** E.164. */
  to: string
  code: string
  body: string
  created_at: number
}

/** Emails the emulator would have sent (verification codes); readable by tests. */
export interface EmailMessageRecord {
  id: string
  to: string
  subject: string
  code: string | null
  body: string
  created_at: number
}

/**
 * A handshake answered with `format=nonce`: the Frontend API stores the cookie directives under a
 * random nonce, and @clerk/backend redeems it at BAPI `GET /v1/clients/handshake_payload?nonce=`.
 */
export interface HandshakeNonceRecord {
  id: string
  directives: string[]
  created_at: number
  expires_at: number
}

/** A code pending for an address or number a signed-in user added (<UserProfile/> "Add email address" / "Add phone number"). */
export interface EmailCodeRecord {
  /** The email address or phone number id it verifies. */
  id: string
  user_id: string
  code: string
  attempts: number
  expire_at: number
}

/** A secret handed to the user's authenticator app (POST /v1/me/totp), waiting for its first code. */
export interface TotpEnrollmentRecord extends TotpRecord {
  user_id: string
}

/** A JWT template (`getToken({ template })`); claims use the same shortcodes as the session template. */
export interface JwtTemplateRecord {
  id: string
  name: string
  claims: Record<string, unknown>
  /** Token lifetime in seconds (Clerk's default: 60). */
  lifetime: number
  allowed_clock_skew: number
  created_at: number
  updated_at: number
}

export interface StoreData {
  version: 1
  users: Record<string, UserRecord>
  sessions: Record<string, SessionRecord>
  clients: Record<string, ClientRecord>
  devBrowsers: Record<string, DevBrowserRecord>
  signIns: Record<string, SignInRecord>
  signUps: Record<string, SignUpRecord>
  signInTokens: Record<string, SignInTokenRecord>
  emails: Record<string, EmailMessageRecord>
  sms: Record<string, SmsMessageRecord>
  jwtTemplates: Record<string, JwtTemplateRecord>
  /** Keyed by the nonce itself. */
  handshakeNonces: Record<string, HandshakeNonceRecord>
  /** Keyed by the id of the email address or phone number the code verifies. */
  emailCodes: Record<string, EmailCodeRecord>
  /** Authenticator apps being set up, not yet confirmed with a code (one per user at most). */
  totpEnrollments: Record<string, TotpEnrollmentRecord>
  organizations: Record<string, OrganizationRecord>
  organizationMemberships: Record<string, OrganizationMembershipRecord>
  organizationInvitations: Record<string, OrganizationInvitationRecord>
  organizationRoles: Record<string, OrganizationRoleRecord>
  organizationPermissions: Record<string, OrganizationPermissionRecord>
  oauthAccounts: Record<string, OAuthAccountRecord>
  /** Keyed by the state itself. */
  oauthAuthorizations: Record<string, OAuthAuthorizationRecord>
}

export function emptyData(): StoreData {
  return {
    version: 1,
    users: {},
    sessions: {},
    clients: {},
    devBrowsers: {},
    signIns: {},
    signUps: {},
    signInTokens: {},
    emails: {},
    sms: {},
    jwtTemplates: {},
    handshakeNonces: {},
    emailCodes: {},
    totpEnrollments: {},
    organizations: {},
    organizationMemberships: {},
    organizationInvitations: {},
    organizationRoles: {},
    organizationPermissions: {},
    oauthAccounts: {},
    oauthAuthorizations: {},
  }
}

/**
 * The whole state as one JSON document, rewritten atomically (temp file, fsync, rename) on commit.
 * A `kill -9` at any point leaves either the previous or the new document, never a torn one, and a
 * commit() that resolved has reached the disk. Handlers mutate `data` synchronously and then await
 * commit() before answering, so an acknowledged write is a durable write.
 */
export class Store {
  data: StoreData = emptyData()
  readonly file: string | null
  #saving: Promise<void> | null = null
  #pending: Promise<void> | null = null
  #tmpCounter = 0

  constructor(dataDir: string | null) {
    this.file = dataDir ? join(dataDir, 'state.json') : null
  }

  newId(prefix: string): string {
    return newId(prefix)
  }

  async load(): Promise<void> {
    if (!this.file) return
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    const parsed = JSON.parse(text) as Partial<StoreData>
    this.data = { ...emptyData(), ...parsed, version: 1 }
  }

  /** Runs synchronously at the start of every commit (webhooks compare the state here). */
  onCommit: ((data: StoreData) => void) | null = null

  /** Persists the current state; concurrent callers share at most one extra write. */
  commit(): Promise<void> {
    this.onCommit?.(this.data)
    if (!this.file) return Promise.resolve()
    if (this.#pending) return this.#pending
    if (!this.#saving) {
      this.#saving = this.#write().finally(() => { this.#saving = null })
      return this.#saving
    }
    // A write is in flight with an older snapshot: queue exactly one more after it.
    this.#pending = this.#saving.catch(() => {}).then(() => {
      this.#pending = null
      return this.commit()
    })
    return this.#pending
  }

  reset(): Promise<void> {
    this.data = emptyData()
    return this.commit()
  }

  async #write(): Promise<void> {
    const file = this.file!
    const text = JSON.stringify(this.data)
    const tmp = `${file}.tmp-${process.pid}-${this.#tmpCounter++}`
    await mkdir(join(file, '..'), { recursive: true })
    const handle = await open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    }
    finally {
      await handle.close()
    }
    try {
      await rename(tmp, file)
    }
    catch (error) {
      await unlink(tmp).catch(() => {})
      throw error
    }
    // fsync the directory so the rename itself survives a power loss.
    const dir = await open(join(file, '..'), 'r')
    try { await dir.sync() }
    catch { /* some filesystems refuse directory fsync */ }
    finally { await dir.close() }
  }
}
