import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, readClerkBody, requiredString, sendJson } from '../http.ts'
import { checkTotp, consumeBackupCode, disableMfa, removeBackupCodes, removeTotp } from '../mfa.ts'
import type { UserRecord } from '../store.ts'
import type { BapiRoute } from './route.ts'
import { getUserOr404 } from './users.ts'

// A user's second factors from the server: check a code (`users.verifyTOTP`, for custom flows and
// re-verification; a backup code is spent), and turn factors off (`disableUserMFA`,
// `deleteUserTOTP`, `deleteUserBackupCodes`), each answering `{ user_id }`.

function verifyCode(ctx: EmulatorContext) {
  return async (event: H3Event) => {
    const id = getUserOr404(ctx, getRouterParam(event, 'id')).id
    const code = requiredString(await readClerkBody(event), 'code')
    const user = getUserOr404(ctx, id) // it may have been deleted while the body arrived
    if (!user.totp) throw clerkError(400, 'totp_not_enabled', 'TOTP is not enabled', 'This user has no authenticator app (TOTP) set up.')
    if (checkTotp(user, code)) return sendJson(event, { verified: true, code_type: 'totp' })
    if (!consumeBackupCode(user, code)) throw clerkError(422, 'form_code_incorrect', 'Incorrect code', 'Incorrect code', { param_name: 'code' })
    await ctx.store.commit()
    return sendJson(event, { verified: true, code_type: 'backup_code' })
  }
}

function turnOff(ctx: EmulatorContext, off: (ctx: EmulatorContext, user: UserRecord) => void) {
  return async (event: H3Event) => {
    const user = getUserOr404(ctx, getRouterParam(event, 'id'))
    off(ctx, user)
    await ctx.store.commit()
    return sendJson(event, { user_id: user.id })
  }
}

export function mfaRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'POST', path: '/v1/users/:id/verify_totp', handler: verifyCode(ctx) },
    { method: 'DELETE', path: '/v1/users/:id/mfa', handler: turnOff(ctx, (c, user) => disableMfa(c.store, user)) },
    { method: 'DELETE', path: '/v1/users/:id/totp', handler: turnOff(ctx, (c, user) => removeTotp(c.store, user)) },
    { method: 'DELETE', path: '/v1/users/:id/backup_code', handler: turnOff(ctx, (_, user) => removeBackupCodes(user)) },
  ]
}
