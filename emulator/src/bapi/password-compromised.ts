import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { readClerkBody, sendJson } from '../http.ts'
import { endUserSessions } from '../sessions.ts'
import { userJson } from './json.ts'
import { optionalBool } from './params.ts'
import type { BapiRoute } from './route.ts'
import { getUserOr404 } from './users.ts'

// `users.setPasswordCompromised` / `unsetPasswordCompromised`: the user's next sign-in must use
// another factor and then meets the `reset-password` session task (session-tasks.ts).

function setCompromised(ctx: EmulatorContext, compromised: boolean) {
  return async (event: H3Event) => {
    const body = compromised ? await readClerkBody(event) : {}
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    user.password_compromised = compromised
    user.updated_at = Date.now()
    if (compromised && optionalBool(body, 'revoke_all_sessions')) endUserSessions(ctx.store, user.id, 'revoked')
    await ctx.store.commit()
    return sendJson(event, userJson(ctx, user))
  }
}

export function passwordCompromisedRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'POST', path: '/v1/users/:id/password/set_compromised', handler: setCompromised(ctx, true) },
    { method: 'POST', path: '/v1/users/:id/password/unset_compromised', handler: setCompromised(ctx, false) },
  ]
}
