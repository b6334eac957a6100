import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, notFound, readClerkBody, requiredString, sendJson } from '../http.ts'
import { normalizeEmailAddress } from '../email-addresses.ts'
import { assertNewPassword, hashPassword, verifyPassword } from '../passwords.ts'
import { endUserSessions } from '../sessions.ts'
import { presetSecondFactors } from '../mfa.ts'
import { normalizePhoneNumber, parsePhoneNumber, phoneNumbersOf } from '../phone-numbers.ts'
import { assertUsername } from '../usernames.ts'
import { buildUser, isEmailTaken, isExternalIdTaken, isPhoneNumberTaken, isUsernameTaken, removeUser } from '../users.ts'
import type { UserRecord } from '../store.ts'
import { oversizedKind, type MetadataKind } from './metadata.ts'
import { metadataParam, nullableString, optionalBool, secondFactorParams, stringList } from './params.ts'
import { pagination, queryBool, queryInt, queryList, queryString } from './query.ts'
import type { BapiRoute } from './route.ts'
import { deletedJson, userJson } from './json.ts'
import { checkUserUpdateRate } from './rate-limit.ts'

export function getUserOr404(ctx: EmulatorContext, id: string | undefined): UserRecord {
  const user = id ? ctx.store.data.users[id] : undefined
  if (!user) throw notFound('user')
  return user
}

export function metadataTooLarge(kind: MetadataKind) {
  return clerkError(422, 'form_param_exceeds_allowed_size', `${kind} exceeds the maximum allowed size`,
    `${kind} must be at most 8 KB when serialized as JSON.`, { param_name: kind })
}

function identifierExists(param: string, what: string) {
  return clerkError(422, 'form_identifier_exists', `That ${what} is taken. Please try another.`, `That ${what} is taken. Please try another.`, { param_name: param })
}

/** `skip_password_checks` skips the instance's password rules. */
function validatePassword(ctx: EmulatorContext, password: string, skipChecks: boolean): void {
  if (!skipChecks) assertNewPassword(password, ctx.config.password)
}

function parseTimestamp(value: string | null | undefined, name: string): number | undefined {
  if (!value) return undefined
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw clerkError(422, 'form_param_format_invalid', `${name} is invalid`, `${name} must be an RFC 3339 timestamp.`, { param_name: name })
  return ms
}

// ---- list and count ---------------------------------------------------------------------------

/** `+id` / `id` include, `-id` exclude, as Clerk's user_id and external_id filters read them. */
function includeExclude(values: string[]): { include: Set<string>, exclude: Set<string> } {
  const include = new Set<string>()
  const exclude = new Set<string>()
  for (const v of values) {
    if (v.startsWith('-')) exclude.add(v.slice(1))
    else include.add(v.startsWith('+') ? v.slice(1) : v)
  }
  return { include, exclude }
}

function contains(haystack: (string | null | undefined)[], needle: string): boolean {
  const n = needle.toLowerCase()
  return haystack.some(h => h?.toLowerCase().includes(n))
}

function userFilter(event: H3Event): (user: UserRecord) => boolean {
  const emails = new Set(queryList(event, 'email_address').map(e => e.toLowerCase()))
  const usernames = new Set(queryList(event, 'username').map(e => e.toLowerCase()))
  const phones = new Set(queryList(event, 'phone_number').map(p => normalizePhoneNumber(p) ?? p))
  const wallets = queryList(event, 'web3_wallet')
  const orgs = queryList(event, 'organization_id')
  const userIds = includeExclude(queryList(event, 'user_id'))
  const externalIds = includeExclude(queryList(event, 'external_id'))
  const query = queryString(event, 'query')
  const emailQuery = queryString(event, 'email_address_query')
  const phoneQuery = queryString(event, 'phone_number_query')
  const usernameQuery = queryString(event, 'username_query')
  const nameQuery = queryString(event, 'name_query')
  const banned = queryBool(event, 'banned')
  const ranges: [keyof UserRecord, string, 'before' | 'after'][] = [
    ['created_at', 'created_at_before', 'before'], ['created_at', 'created_at_after', 'after'],
    ['last_active_at', 'last_active_at_before', 'before'], ['last_active_at', 'last_active_at_after', 'after'],
    ['last_active_at', 'last_active_at_since', 'after'],
    ['last_sign_in_at', 'last_sign_in_at_before', 'before'], ['last_sign_in_at', 'last_sign_in_at_after', 'after'],
  ]
  const bounds = ranges.flatMap(([field, param, side]) => {
    const raw = queryString(event, param)
    return raw === undefined ? [] : [{ field, side, at: queryInt(event, param, { default: 0, min: 0 }) }]
  })

  return (user) => {
    const addresses = user.email_addresses.map(e => e.email_address)
    if (emails.size && !addresses.some(a => emails.has(a))) return false
    if (usernames.size && !(user.username && usernames.has(user.username.toLowerCase()))) return false
    const numbers = phoneNumbersOf(user).map(p => p.phone_number)
    if (phones.size && !numbers.some(n => phones.has(n))) return false
    // The emulator has no wallets or organizations: such filters match nobody.
    if (wallets.length || orgs.length) return false
    if (userIds.include.size && !userIds.include.has(user.id)) return false
    if (userIds.exclude.has(user.id)) return false
    const ext = user.external_id ?? ''
    if (externalIds.include.size && !externalIds.include.has(ext)) return false
    if (externalIds.exclude.has(ext)) return false
    if (query && !contains([...addresses, ...numbers, user.username, user.id, user.first_name, user.last_name, user.external_id], query)) return false
    if (emailQuery && !contains(addresses, emailQuery)) return false
    if (phoneQuery && !contains(numbers, phoneQuery)) return false
    if (usernameQuery && !contains([user.username], usernameQuery)) return false
    if (nameQuery && !contains([user.first_name, user.last_name, [user.first_name, user.last_name].filter(Boolean).join(' ')], nameQuery)) return false
    if (banned !== undefined && user.banned !== banned) return false
    for (const b of bounds) {
      const value = user[b.field] as number | null
      if (value === null || value === undefined) return false
      if (b.side === 'before' ? value >= b.at : value <= b.at) return false
    }
    return true
  }
}

const ORDER_FIELDS: Record<string, (u: UserRecord) => string | number | null> = {
  created_at: u => u.created_at,
  updated_at: u => u.updated_at,
  last_active_at: u => u.last_active_at,
  last_sign_in_at: u => u.last_sign_in_at,
  first_name: u => u.first_name?.toLowerCase() ?? null,
  last_name: u => u.last_name?.toLowerCase() ?? null,
  username: u => u.username?.toLowerCase() ?? null,
  email_address: u => u.email_addresses.find(e => e.id === u.primary_email_address_id)?.email_address ?? null,
  phone_number: u => phoneNumbersOf(u).find(p => p.id === u.primary_phone_number_id)?.phone_number ?? null,
  web3wallet: () => null,
}

function userComparator(event: H3Event): (a: UserRecord, b: UserRecord) => number {
  // Clerk keeps only the first order_by; without a sign, `+` is implied; the default is -created_at.
  const raw = queryString(event, 'order_by') ?? '-created_at'
  const desc = raw.startsWith('-')
  const field = raw.replace(/^[+-]/, '')
  const key = ORDER_FIELDS[field]
  if (!key) {
    throw clerkError(422, 'form_param_value_invalid', 'order_by is invalid', `order_by must be one of ${Object.keys(ORDER_FIELDS).join(', ')}, optionally prefixed with + or -.`, { param_name: 'order_by' })
  }
  return (a, b) => {
    const x = key(a)
    const y = key(b)
    if (x === y) return (a.created_at - b.created_at || a.id.localeCompare(b.id)) * (desc ? -1 : 1)
    if (x === null) return 1 // nulls last either way
    if (y === null) return -1
    return (x < y ? -1 : 1) * (desc ? -1 : 1)
  }
}

function listUsers(ctx: EmulatorContext) {
  return (event: H3Event) => {
    const filter = userFilter(event)
    const compare = userComparator(event)
    const { limit, offset } = pagination(event)
    const users = Object.values(ctx.store.data.users).filter(filter).sort(compare)
    return sendJson(event, users.slice(offset, offset + limit).map(user => userJson(ctx, user)))
  }
}

function countUsers(ctx: EmulatorContext) {
  return (event: H3Event) => {
    const filter = userFilter(event)
    const total = Object.values(ctx.store.data.users).filter(filter).length
    return sendJson(event, { object: 'total_count', total_count: total })
  }
}

// ---- single user ------------------------------------------------------------------------------

function getUser(ctx: EmulatorContext) {
  return (event: H3Event) => sendJson(event, userJson(ctx, getUserOr404(ctx, getRouterParam(event, 'id'))))
}

function createUser(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const body = await readClerkBody(event)
    const emails = stringList(body, 'email_address').map(e => e.trim().toLowerCase())
    const password = nullableString(body, 'password') ?? undefined
    const username = nullableString(body, 'username') || null
    const externalId = nullableString(body, 'external_id') || null
    const skipPasswordChecks = optionalBool(body, 'skip_password_checks') ?? false
    const skipPasswordRequirement = optionalBool(body, 'skip_password_requirement') ?? false
    const metadata = {
      public_metadata: metadataParam(body, 'public_metadata') ?? {},
      private_metadata: metadataParam(body, 'private_metadata') ?? {},
      unsafe_metadata: metadataParam(body, 'unsafe_metadata') ?? {},
    }
    const phones = stringList(body, 'phone_number').map(p => parsePhoneNumber(p))
    if (username) assertUsername(username)
    // The instance's required identifiers, and at least one identifier of some kind.
    const { emailAddress, phoneNumber, username: usernameSetting } = ctx.config
    const missing = [[emailAddress.required && emails.length === 0, 'email_address'], [phoneNumber.required && phones.length === 0, 'phone_number'],
      [usernameSetting.required && !username, 'username'], [emails.length === 0 && phones.length === 0 && !username, 'email_address']] as const
    for (const [isMissing, param] of missing) {
      if (isMissing) throw clerkError(422, 'form_param_missing', `${param} must be included.`, `${param} must be included.`, { param_name: param })
    }
    for (const email of emails) {
      if (!normalizeEmailAddress(email)) throw clerkError(422, 'form_param_format_invalid', 'email_address must be a valid email address.', `${email} is not a valid email address.`, { param_name: 'email_address' })
    }
    if (new Set(emails).size !== emails.length) throw identifierExists('email_address', 'email address')
    if (new Set(phones).size !== phones.length) throw identifierExists('phone_number', 'phone number')
    if (password === undefined && !skipPasswordRequirement) {
      throw clerkError(422, 'form_param_missing', 'password must be included.', 'password must be included.', { param_name: 'password' })
    }
    if (password !== undefined) validatePassword(ctx, password, skipPasswordChecks)
    const oversized = oversizedKind(metadata)
    if (oversized) throw metadataTooLarge(oversized)
    const createdAt = parseTimestamp(nullableString(body, 'created_at'), 'created_at')
    const secondFactors = secondFactorParams(ctx.config, body)

    const user = await buildUser(ctx.store, {
      email: emails[0],
      phoneNumber: phones[0],
      username: username ?? undefined,
      password,
      firstName: nullableString(body, 'first_name') ?? undefined,
      lastName: nullableString(body, 'last_name') ?? undefined,
      publicMetadata: metadata.public_metadata,
      privateMetadata: metadata.private_metadata,
      unsafeMetadata: metadata.unsafe_metadata,
    })
    // Uniqueness is checked after the (async) password hash so two racing creates cannot both pass.
    for (const email of emails) if (isEmailTaken(ctx.store, email)) throw identifierExists('email_address', 'email address')
    for (const phone of phones) if (isPhoneNumberTaken(ctx.store, phone)) throw identifierExists('phone_number', 'phone number')
    if (username && isUsernameTaken(ctx.store, username)) throw identifierExists('username', 'username')
    if (externalId && isExternalIdTaken(ctx.store, externalId)) throw identifierExists('external_id', 'external ID')
    for (const email of emails.slice(1)) {
      user.email_addresses.push({ id: ctx.store.newId('idn'), email_address: email, verified: true, created_at: user.created_at, updated_at: user.created_at })
    }
    for (const phone of phones.slice(1)) {
      user.phone_numbers!.push({ id: ctx.store.newId('idn'), phone_number: phone, verified: true, created_at: user.created_at, updated_at: user.created_at })
    }
    user.external_id = externalId
    user.locale = nullableString(body, 'locale') ?? null
    user.banned = optionalBool(body, 'banned') ?? false
    if (password !== undefined) user.password_last_updated_at = user.created_at
    if (createdAt !== undefined) user.created_at = createdAt
    presetSecondFactors(ctx.store, user, secondFactors)
    ctx.store.data.users[user.id] = user
    await ctx.store.commit()
    return sendJson(event, userJson(ctx, user))
  }
}

function updateUser(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    checkUserUpdateRate(ctx, user.id)
    const body = await readClerkBody(event)
    const password = nullableString(body, 'password')
    const skipPasswordChecks = optionalBool(body, 'skip_password_checks') ?? false
    if (password) validatePassword(ctx, password, skipPasswordChecks)
    const username = nullableString(body, 'username')
    if (username) assertUsername(username)
    if (username && isUsernameTaken(ctx.store, username, user.id)) throw identifierExists('username', 'username')
    const primaryEmailId = nullableString(body, 'primary_email_address_id')
    if (primaryEmailId && !user.email_addresses.some(e => e.id === primaryEmailId && e.verified)) {
      throw clerkError(422, 'form_param_value_invalid', 'primary_email_address_id is invalid', 'The email address must be verified and belong to this user.', { param_name: 'primary_email_address_id' })
    }
    const primaryPhoneId = nullableString(body, 'primary_phone_number_id')
    if (primaryPhoneId && !phoneNumbersOf(user).some(p => p.id === primaryPhoneId && p.verified)) {
      throw clerkError(422, 'form_param_value_invalid', 'primary_phone_number_id is invalid', 'The phone number must be verified and belong to this user.', { param_name: 'primary_phone_number_id' })
    }
    // Before API version 2026-05-12, PATCH /users/{id} replaced metadata wholesale; older SDKs still send it.
    const metadata: Partial<Record<MetadataKind, Record<string, unknown>>> = {}
    for (const kind of ['public_metadata', 'private_metadata', 'unsafe_metadata'] as const) {
      const value = metadataParam(body, kind)
      if (value !== undefined) metadata[kind] = value ?? {}
    }
    const oversized = oversizedKind(metadata)
    if (oversized) throw metadataTooLarge(oversized)
    const createdAt = parseTimestamp(nullableString(body, 'created_at'), 'created_at')
    const secondFactors = secondFactorParams(ctx.config, body)
    const digest = password ? await hashPassword(password) : undefined

    const current = getUserOr404(ctx, user.id) // it may have been deleted while hashing
    const externalId = nullableString(body, 'external_id')
    if (externalId && isExternalIdTaken(ctx.store, externalId, current.id)) throw identifierExists('external_id', 'external ID')
    if (username && isUsernameTaken(ctx.store, username, current.id)) throw identifierExists('username', 'username')
    const now = Date.now()
    for (const field of ['first_name', 'last_name', 'external_id', 'locale'] as const) {
      const value = nullableString(body, field)
      if (value !== undefined) current[field] = value || null
    }
    if (username !== undefined) current.username = username || null
    if (primaryEmailId) current.primary_email_address_id = primaryEmailId
    if (primaryPhoneId) current.primary_phone_number_id = primaryPhoneId
    if (digest) {
      current.password_digest = digest
      current.password_last_updated_at = now
      if (optionalBool(body, 'sign_out_of_other_sessions')) endUserSessions(ctx.store, current.id, 'revoked')
    }
    Object.assign(current, metadata)
    if (createdAt !== undefined) current.created_at = createdAt
    presetSecondFactors(ctx.store, current, secondFactors)
    current.updated_at = now
    await ctx.store.commit()
    return sendJson(event, userJson(ctx, current))
  }
}

function deleteUser(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    await removeUser(ctx, user)
    return sendJson(event, deletedJson('user', user.id, user.external_id))
  }
}

/** Ban signs the user out everywhere and blocks sign-in (the Frontend API checks `banned`). */
function setBanned(ctx: EmulatorContext, banned: boolean) {
  return async (event: H3Event) => {
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    if (user.banned !== banned) {
      user.banned = banned
      user.updated_at = Date.now()
      if (banned) endUserSessions(ctx.store, user.id, 'revoked')
      await ctx.store.commit()
    }
    return sendJson(event, userJson(ctx, user))
  }
}

/** Checks a password against the stored scrypt digest (seeded and signed-up users alike). */
function verifyUserPassword(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    const password = requiredString(await readClerkBody(event), 'password')
    if (!user.password_digest) throw clerkError(400, 'password_not_set', 'This user has no password', 'The user has no password set, so there is nothing to verify.')
    if (!await verifyPassword(password, user.password_digest)) {
      throw clerkError(422, 'incorrect_password', 'Password is incorrect. Try again, or use another method.', 'Password is incorrect. Try again, or use another method.', { param_name: 'password' })
    }
    return sendJson(event, { verified: true })
  }
}

export function userRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'GET', path: '/v1/users', handler: listUsers(ctx) },
    { method: 'POST', path: '/v1/users', handler: createUser(ctx) },
    { method: 'GET', path: '/v1/users/count', handler: countUsers(ctx) },
    { method: 'GET', path: '/v1/users/:id', handler: getUser(ctx) },
    { method: 'PATCH', path: '/v1/users/:id', handler: updateUser(ctx) },
    { method: 'DELETE', path: '/v1/users/:id', handler: deleteUser(ctx) },
    { method: 'POST', path: '/v1/users/:id/verify_password', handler: verifyUserPassword(ctx) },
    { method: 'POST', path: '/v1/users/:id/ban', handler: setBanned(ctx, true) },
    { method: 'POST', path: '/v1/users/:id/unban', handler: setBanned(ctx, false) },
  ]
}
