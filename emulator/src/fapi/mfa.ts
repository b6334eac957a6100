import { optionalString } from '../http.ts'
import { confirmTotpEnrollment, isTwoFactorEnabled, offersSecondFactor, pendingTotpEnrollment, removeTotp, replaceBackupCodes, startTotpEnrollment, totpUri } from '../mfa.ts'
import type { TotpRecord } from '../store.ts'
import { touchClient } from '../clients.ts'
import { fapiErrors } from './errors.ts'
import { withClient } from './json.ts'
import { me, type Me } from './me.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'

// <UserProfile/>'s "Two-step verification": an authenticator app (POST /v1/me/totp hands out a
// secret, attempt_verification turns it on with the app's first code, DELETE turns it off) and
// backup codes (POST /v1/me/backup_codes; clerk-js calls it with a trailing slash, which the router accepts).

interface TotpView {
  /** Only the answer that creates the secret carries it and its URI. */
  secret?: string
  uri?: string
  verified: boolean
  backupCodes?: string[] | null
}

function totpJson(totp: TotpRecord, view: TotpView) {
  return {
    object: 'totp',
    id: totp.id,
    secret: view.secret ?? null,
    uri: view.uri ?? null,
    verified: view.verified,
    backup_codes: view.backupCodes ?? null,
    created_at: totp.created_at,
    updated_at: totp.updated_at,
  }
}

function respond(req: FapiRequest, { client }: Me, response: unknown) {
  touchClient(client)
  return withClient(req.ctx, client, req.origin, response)
}

/** The signed-in user, on an instance that offers an authenticator app. */
function meWithAuthenticatorApp(req: FapiRequest): Me {
  const current = me(req)
  if (!offersSecondFactor(req.ctx.config, 'totp')) throw fapiErrors.secondFactorDisabled('An authenticator app')
  return current
}

export const mfaRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/me/totp', handler: (req) => {
    const current = meWithAuthenticatorApp(req)
    if (current.user.totp) throw fapiErrors.totpAlreadyEnabled()
    const enrollment = startTotpEnrollment(req.store, current.user)
    return respond(req, current, totpJson(enrollment, { secret: enrollment.secret, uri: totpUri(req.ctx.config, current.user, enrollment.secret), verified: false }))
  } },

  { method: 'POST', path: '/v1/me/totp/attempt_verification', handler: async (req) => {
    const body = await req.body()
    const current = meWithAuthenticatorApp(req)
    const code = optionalString(body, 'code')
    if (!code) throw fapiErrors.paramMissing('code')
    if (!pendingTotpEnrollment(req.store, current.user)) throw fapiErrors.notFound('authenticator app being set up')
    const confirmed = confirmTotpEnrollment(req.store, req.ctx.config, current.user, code)
    if (!confirmed) throw fapiErrors.codeIncorrect()
    return respond(req, current, totpJson(confirmed.totp, { verified: true, backupCodes: confirmed.backupCodes }))
  } },

  { method: 'DELETE', path: '/v1/me/totp', handler: (req) => {
    const current = me(req)
    const removed = removeTotp(req.store, current.user)
    if (!removed) throw fapiErrors.notFound('authenticator app')
    return respond(req, current, { object: 'totp', id: removed.id, deleted: true })
  } },

  { method: 'POST', path: '/v1/me/backup_codes', handler: (req) => {
    const current = me(req)
    if (!offersSecondFactor(req.ctx.config, 'backup_code')) throw fapiErrors.secondFactorDisabled('Backup codes')
    if (!isTwoFactorEnabled(current.user)) throw fapiErrors.backupCodesNeedSecondFactor()
    const codes = replaceBackupCodes(req.store, current.user)
    const record = current.user.backup_codes!
    return respond(req, current, { object: 'backup_code', id: record.id, codes, created_at: record.created_at, updated_at: record.updated_at })
  } },
]
