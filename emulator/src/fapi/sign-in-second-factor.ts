import { optionalString } from '../http.ts'
import { checkTotp, consumeBackupCode, signInSecondFactors, type SecondFactorStrategy } from '../mfa.ts'
import type { ClientRecord, UserRecord } from '../store.ts'
import type { SignInAttempt } from '../attempts.ts'
import { fapiErrors } from './errors.ts'
import { strategyParam } from './params.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { assertMaySignIn, complete, ownAttempt, respond } from './sign-ins.ts'

// The second step of a sign-in whose user has two-step verification on (status
// `needs_second_factor`, set by sign-ins.ts after the first factor): a code from the authenticator
// app (`totp`) or a backup code, each checked by mfa.ts. Neither needs preparing.

interface SecondStep {
  client: ClientRecord
  attempt: SignInAttempt
  user: UserRecord
  strategy: SecondFactorStrategy
}

/** The caller's attempt waiting for a second factor, and the strategy asked for if the user has it. */
function secondStep(req: FapiRequest, body: Record<string, unknown>): SecondStep {
  const client = req.client()
  const attempt = ownAttempt(req, client)
  if (attempt.status !== 'needs_second_factor' || attempt.abandon_at <= Date.now()) throw fapiErrors.attemptNotActive('sign_in')
  const user = attempt.user_id ? req.store.data.users[attempt.user_id] : undefined
  if (!user) throw fapiErrors.attemptNotActive('sign_in')
  assertMaySignIn(user)
  const strategy = strategyParam(body)
  const factors: string[] = signInSecondFactors(req.ctx.config, user)
  if (!strategy || !factors.includes(strategy)) throw fapiErrors.strategyInvalid(strategy ?? 'none')
  return { client, attempt, user, strategy: strategy as SecondFactorStrategy }
}

export const signInSecondFactorRoutes: FapiRoute[] = [
  // Nothing to send for an authenticator app or a backup code; the attempt is answered as it is.
  { method: 'POST', path: '/v1/client/sign_ins/:id/prepare_second_factor', handler: async (req) => {
    const { client, attempt } = secondStep(req, await req.body())
    return respond(req, client, attempt)
  } },

  { method: 'POST', path: '/v1/client/sign_ins/:id/attempt_second_factor', handler: async (req) => {
    const body = await req.body()
    const { client, attempt, user, strategy } = secondStep(req, body)
    const code = optionalString(body, 'code')
    if (!code) throw fapiErrors.paramMissing('code')
    const passed = strategy === 'totp' ? checkTotp(user, code) : consumeBackupCode(user, code)
    const previous = attempt.second_factor_verification
    const attempts = (previous?.strategy === strategy ? previous.attempts ?? 0 : 0) + 1
    attempt.second_factor_verification = { status: passed ? 'verified' : 'unverified', strategy, attempts, expire_at: null }
    if (!passed) {
      await req.store.commit()
      throw fapiErrors.codeIncorrect()
    }
    const session = complete(req, client, attempt, user)
    session.second_factor_verified_at = session.created_at
    return respond(req, client, attempt)
  } },
]
