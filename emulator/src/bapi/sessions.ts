import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import { createClient } from '../clients.ts'
import type { EmulatorContext } from '../context.ts'
import { clerkError, notFound, readClerkBody, requiredString, sendJson } from '../http.ts'
import type { SessionRecord } from '../store.ts'
import { endUserSession, newSessionRecord, sessionStatus } from '../sessions.ts'
import { publicSessionStatus, startSessionTasks } from '../session-tasks.ts'
import { decodeParam } from '../ids.ts'
import { findJwtTemplate } from '../jwt-templates.ts'
import { mintInstanceToken, mintTemplateToken } from '../tokens.ts'
import { optionalInt } from './params.ts'
import { pagination, queryBool, queryString } from './query.ts'
import type { BapiRoute } from './route.ts'
import { sessionJson } from './json.ts'

const STATUSES = ['abandoned', 'active', 'ended', 'expired', 'removed', 'replaced', 'revoked', 'pending']

function getSessionOr404(ctx: EmulatorContext, id: string | undefined): SessionRecord {
  const session = id ? ctx.store.data.sessions[id] : undefined
  if (!session) throw notFound('session')
  return session
}

function listSessions(ctx: EmulatorContext) {
  return (event: H3Event) => {
    const userId = queryString(event, 'user_id')
    const clientId = queryString(event, 'client_id')
    const status = queryString(event, 'status')
    if (status && !STATUSES.includes(status)) {
      throw clerkError(422, 'form_param_value_invalid', 'status is invalid', `status must be one of ${STATUSES.join(', ')}.`, { param_name: 'status' })
    }
    const { limit, offset } = pagination(event)
    const now = Date.now()
    const sessions = Object.values(ctx.store.data.sessions)
      .filter(s => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId)
        && (!status || publicSessionStatus(s, now) === status))
      .sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id))
    const page = sessions.slice(offset, offset + limit).map(sessionJson)
    // @clerk/backend asks for `paginated=true` and then expects `{ data, total_count }`.
    return sendJson(event, queryBool(event, 'paginated') ? { data: page, total_count: sessions.length } : page)
  }
}

function getSession(ctx: EmulatorContext) {
  return (event: H3Event) => sendJson(event, sessionJson(getSessionOr404(ctx, getRouterParam(event, 'id'))))
}

/** Clerk's testing-only "create session": a new client holding one active session for the user. */
function createSession(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const body = await readClerkBody(event)
    const userId = requiredString(body, 'user_id')
    const user = ctx.store.data.users[userId]
    if (!user) throw notFound('user')
    const client = createClient(ctx.store)
    const session = newSessionRecord(ctx.store, client.id, userId, client.created_at)
    startSessionTasks(ctx.config, ctx.store, session, user)
    client.session_ids = [session.id]
    client.last_active_session_id = session.id
    ctx.store.data.sessions[session.id] = session
    await ctx.store.commit()
    return sendJson(event, sessionJson(session))
  }
}

function revokeSession(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const session = getSessionOr404(ctx, getRouterParam(event, 'id'))
    if (session.status === 'active') {
      endUserSession(ctx.store, session, 'revoked', Date.now())
      await ctx.store.commit()
    }
    return sendJson(event, sessionJson(session))
  }
}

function createToken(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const session = getSessionOr404(ctx, getRouterParam(event, 'id'))
    const name = getRouterParam(event, 'template')
    const template = name === undefined ? undefined : findJwtTemplate(ctx.store, decodeParam(name))
    if (name !== undefined && !template) throw clerkError(404, 'resource_not_found', 'not found', `No JWT template named "${decodeParam(name)}" exists.`)
    const body = await readClerkBody(event)
    const ttl = optionalInt(body, 'expires_in_seconds', 30, 315_360_000) ?? ctx.config.sessionToken.lifetimeSeconds
    const user = ctx.store.data.users[session.user_id]
    if (!user || sessionStatus(session) !== 'active') {
      throw clerkError(404, 'resource_not_found', 'not found', 'The session is not active, so no token can be issued for it.')
    }
    const jwt = template ? await mintTemplateToken(ctx, template, user, null) : await mintInstanceToken(ctx, session, user, null, ttl)
    return sendJson(event, { object: 'token', jwt })
  }
}

export function sessionRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'GET', path: '/v1/sessions', handler: listSessions(ctx) },
    { method: 'POST', path: '/v1/sessions', handler: createSession(ctx) },
    { method: 'GET', path: '/v1/sessions/:id', handler: getSession(ctx) },
    { method: 'POST', path: '/v1/sessions/:id/revoke', handler: revokeSession(ctx) },
    { method: 'POST', path: '/v1/sessions/:id/tokens', handler: createToken(ctx) },
    { method: 'POST', path: '/v1/sessions/:id/tokens/:template', handler: createToken(ctx) },
  ]
}
