import { getRouterParam, type H3Event } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { removeExternalAccount } from '../external-accounts.ts'
import { notFound, sendJson } from '../http.ts'
import { deletedJson } from './json.ts'
import type { BapiRoute } from './route.ts'
import { getUserOr404 } from './users.ts'

// A user's social accounts on the Backend API: they come with the user (`external_accounts`);
// `users.deleteUserExternalAccount()` disconnects one.

function deleteExternalAccount(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    const id = getRouterParam(event, 'external_account_id') ?? ''
    if (!removeExternalAccount(user, id)) throw notFound('external account')
    await ctx.store.commit()
    return sendJson(event, deletedJson('external_account', id))
  }
}

export function externalAccountRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'DELETE', path: '/v1/users/:id/external_accounts/:external_account_id', handler: deleteExternalAccount(ctx) },
  ]
}
