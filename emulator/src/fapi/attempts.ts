import { MAX_CODE_ATTEMPTS, type VerificationState } from '../attempts.ts'
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
