import { SignJWT, type JWTPayload } from 'jose'
import type { EmulatorContext } from './context.ts'
import type { InstanceKeys } from './keys.ts'
import { randomBase62 } from './ids.ts'
import { isTwoFactorEnabled } from './mfa.ts'
import { factorVerificationAge } from './sessions.ts'
import { activeOrganization } from './organization-memberships.ts'
import { permissionClaims } from './organization-roles.ts'
import type { JwtTemplateRecord, SessionRecord, UserRecord } from './store.ts'

/** JOSE header `cat` values that @clerk/backend uses to tell token classes apart. */
export const CATEGORY_SESSION_TOKEN = 'cl_B7d4PD111AAA'
export const CATEGORY_JWT_TEMPLATE = 'cl_B7d4PD222AAA'

/** Claims Clerk owns; a template cannot override them. */
const RESERVED = new Set(['azp', 'exp', 'fva', 'iat', 'iss', 'jti', 'nbf', 'sid', 'sub', 'v', 'sts', 'pla', 'fea', 'o', 'act'])

function primaryEmail(user: UserRecord): string | null {
  return user.email_addresses.find(e => e.id === user.primary_email_address_id)?.email_address ?? null
}

/** Values a `{{user.*}}` shortcode can take. */
function shortcodeValue(user: UserRecord, path: string): unknown {
  const [root, ...rest] = path.split('.')
  if (root !== 'user' || rest.length === 0) return undefined
  const [field, ...deeper] = rest
  let value: unknown
  switch (field) {
    case 'id': value = user.id; break
    case 'first_name': value = user.first_name; break
    case 'last_name': value = user.last_name; break
    case 'full_name': value = [user.first_name, user.last_name].filter(Boolean).join(' ') || null; break
    case 'username': value = user.username; break
    case 'primary_email_address': value = primaryEmail(user); break
    case 'email_verified': value = user.email_addresses.find(e => e.id === user.primary_email_address_id)?.verified ?? false; break
    case 'two_factor_enabled': value = isTwoFactorEnabled(user); break
    case 'public_metadata': value = user.public_metadata; break
    case 'unsafe_metadata': value = user.unsafe_metadata; break
    case 'created_at': value = Math.floor(user.created_at / 1000); break
    case 'updated_at': value = Math.floor(user.updated_at / 1000); break
    default: return undefined
  }
  for (const key of deeper) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

const WHOLE = /^\{\{\s*([\w.]+)\s*\}\}$/
const EMBEDDED = /\{\{\s*([\w.]+)\s*\}\}/g

/**
 * Renders a "Customize session token" template the way Clerk does: a string that is exactly one
 * shortcode takes the value's own JSON type (so `{{user.public_metadata}}` becomes an object);
 * shortcodes inside longer strings are interpolated; claims resolving to null are left out.
 */
export function renderClaimsTemplate(template: unknown, user: UserRecord): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template)
    if (whole) return shortcodeValue(user, whole[1]!) ?? null
    return template.replace(EMBEDDED, (_, path: string) => {
      const value = shortcodeValue(user, path)
      return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
    })
  }
  if (Array.isArray(template)) return template.map(item => renderClaimsTemplate(item, user))
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(template)) {
      const rendered = renderClaimsTemplate(value, user)
      if (rendered !== null && rendered !== undefined) out[key] = rendered
    }
    return out
  }
  return template
}

export interface MintInput {
  keys: InstanceKeys
  user: UserRecord
  session: SessionRecord
  /** Origin of the browser request (`azp`); absent for server-side mints. */
  origin?: string | null
  template: Record<string, unknown>
  ttlSeconds: number
  now?: number
  /** The session's active organization, the user's role in it and the role's custom permissions (v2 `o` and `fea` claims). */
  organization?: { id: string, slug: string, role: string, permissions?: { fea: string, per: string, fpm: string } | null } | null
}

export interface MintedToken {
  jwt: string
  claims: JWTPayload & Record<string, unknown>
}

/** Clerk's v2 `o` (and `fea`) claims; system permissions never go in, as at Clerk. */
function organizationClaims(org: MintInput['organization']): Record<string, unknown> {
  if (!org) return {}
  const { fea, per, fpm } = org.permissions ?? {}
  return {
    ...(fea ? { fea } : {}),
    o: { id: org.id, slg: org.slug, rol: org.role.replace(/^org:/, ''), ...(per ? { per, fpm } : {}) },
  }
}

/** A session token as Clerk mints it: RS256, v2 claims, custom claims rendered fresh each time. */
export async function mintSessionToken(input: MintInput): Promise<MintedToken> {
  const now = Math.floor((input.now ?? Date.now()) / 1000)
  const custom = renderClaimsTemplate(input.template, input.user) as Record<string, unknown>
  const claims: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(custom)) {
    if (!RESERVED.has(key)) claims[key] = value
  }
  Object.assign(claims, {
    ...(input.origin ? { azp: input.origin } : {}),
    exp: now + input.ttlSeconds,
    fva: factorVerificationAge(input.session),
    iat: now,
    iss: `https://${input.keys.frontendApiDomain}`,
    nbf: now - 10,
    sid: input.session.id,
    // A session with tasks left is pending; Clerk's SDKs then treat it as signed out.
    sts: input.session.tasks?.length ? 'pending' : 'active',
    sub: input.user.id,
    v: 2,
    ...organizationClaims(input.organization),
  })
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: input.keys.kid, typ: 'JWT', cat: CATEGORY_SESSION_TOKEN, oiat: now })
    .sign(input.keys.privateKey)
  return { jwt, claims: claims as MintedToken['claims'] }
}

/** A session token with this instance's claims template; `ttlSeconds` defaults to its token lifetime. */
export async function mintInstanceToken(ctx: EmulatorContext, session: SessionRecord, user: UserRecord, origin: string | null, ttlSeconds = ctx.config.sessionToken.lifetimeSeconds): Promise<string> {
  const active = activeOrganization(ctx.store, session)
  const organization = active && { ...active, permissions: permissionClaims(ctx.store, active.role) }
  const minted = await mintSessionToken({ keys: ctx.keys, user, session, origin, template: ctx.config.sessionToken.claims, ttlSeconds, organization })
  return minted.jwt
}

/** A JWT-template token (`getToken({ template })`): the template's claims, then Clerk's defaults, its own lifetime. */
export async function mintTemplateToken(ctx: EmulatorContext, template: JwtTemplateRecord, user: UserRecord, origin: string | null): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const custom = renderClaimsTemplate(template.claims, user) as Record<string, unknown>
  return signJwt(ctx.keys, {
    ...custom,
    ...(origin ? { azp: origin } : {}),
    exp: now + template.lifetime,
    iat: now,
    iss: `https://${ctx.keys.frontendApiDomain}`,
    jti: randomBase62(20),
    nbf: now - template.allowed_clock_skew,
    sub: user.id,
  }, CATEGORY_JWT_TEMPLATE)
}

/** Any other JWT the instance signs (JWT templates, handshake payloads, testing tokens). */
export async function signJwt(keys: InstanceKeys, claims: Record<string, unknown>, category?: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT', ...(category ? { cat: category } : {}) })
    .sign(keys.privateKey)
}
