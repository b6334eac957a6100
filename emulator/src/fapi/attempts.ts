import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, type VerificationState } from '../attempts.ts'
import { newCode } from '../emails.ts'
import type { Store } from '../store.ts'
import { fapiErrors } from './errors.ts'

/**
 * Checks an emailed one-time code against a prepared verification, as both sign-in and sign-up
 * do: a failed or expired verification refuses, a wrong code counts against MAX_CODE_ATTEMPTS
 * (the count is committed before the 422, so retrying cannot reset it), a right one verifies.
 */
export async function checkEmailedCode(store: Store, verification: VerificationState, code: string): Promise<void> {
  if (verification.status === 'failed') throw fapiErrors.tooManyAttempts()
  if ((verification.expire_at ?? 0) <= Date.now()) {
    verification.status = 'expired'
    throw fapiErrors.verificationExpired()
  }
  verification.attempts = (verification.attempts ?? 0) + 1
  if (code.trim() !== verification.code) {
    if (verification.attempts >= MAX_CODE_ATTEMPTS) verification.status = 'failed'
    await store.commit()
    throw fapiErrors.codeIncorrect()
  }
  verification.status = 'verified'
}

/** Starts the code for an address or number a signed-in user added (<UserProfile/>); the caller sends it. */
export function startPendingCode(store: Store, id: string, userId: string, to: string): string {
  const code = newCode(to)
  store.data.emailCodes[id] = { id, user_id: userId, code, attempts: 0, expire_at: Date.now() + CODE_TTL_MS }
  return code
}

/** Checks the code pending for an added address or number by the same rules; a right one is used up. */
export async function checkPendingCode(store: Store, id: string, code: string | undefined): Promise<void> {
  if (!code) throw fapiErrors.paramMissing('code')
  const pending = store.data.emailCodes[id]
  if (!pending) throw fapiErrors.noPrepare()
  if (pending.attempts >= MAX_CODE_ATTEMPTS) throw fapiErrors.tooManyAttempts()
  if (pending.expire_at <= Date.now()) throw fapiErrors.verificationExpired()
  pending.attempts += 1
  if (code.trim() !== pending.code) {
    await store.commit()
    throw fapiErrors.codeIncorrect()
  }
  delete store.data.emailCodes[id]
}
