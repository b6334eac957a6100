import { endSession, refreshSessionStatus } from '../sessions.ts'
import type { ClientRecord, SessionRecord, UserRecord } from '../store.ts'
import { findJwtTemplate } from '../jwt-templates.ts'
import { mintInstanceToken, mintTemplateToken } from '../tokens.ts'
import { fapiErrors } from './errors.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { sessionJson, withClient } from './json.ts'
import { pickLastActive, touchClient } from '../clients.ts'
import { selectOrganization } from '../session-tasks.ts'
import { optionalString } from '../http.ts'

// A client's sessions: read, touch (setActive), end/remove, and tokens. Token responses are the
// bare `{ object: 'token', jwt }`, not the usual envelope; every mint renders the claims template
// against the user as stored now, so a metadata change shows up in the next token.

function ownSession(req: FapiRequest, client: ClientRecord): SessionRecord {
  const session = req.store.data.sessions[req.params.id ?? '']
  if (!session || session.client_id !== client.id) throw fapiErrors.notFound('session')
  return refreshSessionStatus(session)
}

function activeSessionAndUser(req: FapiRequest): { session: SessionRecord, user: UserRecord } {
  const session = ownSession(req, req.client())
  const user = req.store.data.users[session.user_id]
  if (session.status !== 'active' || !user) throw fapiErrors.signedOut()
  return { session, user }
}

async function respond(req: FapiRequest, client: ClientRecord, session: SessionRecord) {
  return withClient(req.ctx, client, req.origin, await sessionJson(req.ctx, session, req.origin))
}

export const sessionRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/client/sessions/:id', handler: async (req) => {
    const client = req.client()
    return respond(req, client, ownSession(req, client))
  } },

  // setActive() and focus refreshes: marks the session as the client's current one, and
  // `active_organization_id` (an id, a slug, or '' for the personal account) its organization.
  { method: 'POST', path: '/v1/client/sessions/:id/touch', handler: async (req) => {
    const body = await req.body()
    const client = req.client()
    const session = ownSession(req, client)
    if (session.status !== 'active') throw fapiErrors.signedOut()
    if (body.active_organization_id !== undefined) selectOrganization(req.ctx.config, req.store, session, optionalString(body, 'active_organization_id') ?? null)
    const now = Date.now()
    session.last_active_at = now
    session.updated_at = now
    client.last_active_session_id = session.id
    touchClient(client)
    const user = req.store.data.users[session.user_id]
    if (user) user.last_active_at = now
    return respond(req, client, session)
  } },

  ...(['end', 'remove'] as const).map((action): FapiRoute => ({ method: 'POST', path: `/v1/client/sessions/:id/${action}`, handler: async (req) => {
    const client = req.client()
    const session = ownSession(req, client)
    endSession(session, action === 'end' ? 'ended' : 'removed')
    pickLastActive(req.store, client)
    return respond(req, client, session)
  } })),

  { method: 'POST', path: '/v1/client/sessions/:id/tokens', handler: async (req) => {
    await req.body() // organization_id / tab_state: accepted, nothing to do without organizations
    const { session, user } = activeSessionAndUser(req)
    return { object: 'token', jwt: await mintInstanceToken(req.ctx, session, user, req.origin) }
  } },

  { method: 'POST', path: '/v1/client/sessions/:id/tokens/:template', handler: async (req) => {
    await req.body()
    const { session, user } = activeSessionAndUser(req)
    // A template token carries no `sts`: a pending session would pass for a signed-in one.
    if (session.tasks?.length) throw fapiErrors.signedOut()
    const template = findJwtTemplate(req.store, req.params.template ?? '')
    if (!template) throw fapiErrors.templateNotFound(req.params.template ?? '')
    return { object: 'token', jwt: await mintTemplateToken(req.ctx, template, user, req.origin) }
  } },
]
