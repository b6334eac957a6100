import { touchClient } from '../clients.ts'
import { externalAccountJson, pendingExternalAccount, removeExternalAccount } from '../external-accounts.ts'
import { fapiErrors } from './errors.ts'
import { withClient } from './json.ts'
import { me, type Me } from './me.ts'
import { startAuthorization } from '../oauth-authorizations.ts'
import { oauthStartParams, oauthTrip } from './oauth.ts'
import { strategyParam } from './params.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'

// <UserProfile/>'s connected accounts: "Connect account" starts a trip to the provider page
// (the account waits, unverified, until /v1/oauth_callback fills it in), "Remove" disconnects.

async function respond(req: FapiRequest, current: Me, body: unknown) {
  touchClient(current.client)
  return withClient(req.ctx, current.client, req.origin, body)
}

export const externalAccountRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/me/external_accounts', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const strategy = strategyParam(body)
    if (!strategy?.startsWith('oauth_')) throw strategy ? fapiErrors.paramInvalid('strategy', 'strategy must be oauth_<provider>.') : fapiErrors.paramMissing('strategy')
    const start = oauthStartParams(req, body, strategy)
    const id = req.store.newId('eac')
    const trip = startAuthorization(req.ctx, { ...oauthTrip(current.client, start), flow: 'connect', target_id: id, user_id: current.user.id })
    const account = pendingExternalAccount(req.store, current.user, strategy, id, trip)
    return respond(req, current, externalAccountJson(req.store, account))
  } },
  { method: 'DELETE', path: '/v1/me/external_accounts/:id', handler: async (req) => {
    const current = me(req)
    const id = req.params.id ?? ''
    if (!removeExternalAccount(current.user, id)) throw fapiErrors.notFound('external account')
    return respond(req, current, { object: 'external_account', id, deleted: true })
  } },
]
