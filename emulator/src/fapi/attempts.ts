import type { Metadata, SignInRecord, SignUpRecord, Store } from '../store.ts'
import { fapiErrors } from './errors.ts'

// Shapes of the sign-in and sign-up attempts this Frontend API keeps in store.data.signIns/signUps
// (store.ts types them loosely so the Backend API need not know them).

/** One verification (email code, password, ticket) as FAPI tracks it. */
export interface VerificationState {
  status: 'unverified' | 'verified' | 'failed' | 'expired'
  strategy: string | null
  attempts: number | null
  expire_at: number | null
  /** The emailed one-time code, kept in clear: this is a test double and tests read it back. */
  code?: string | null
}

export interface SignInAttempt extends SignInRecord {
  status: 'needs_identifier' | 'needs_first_factor' | 'needs_new_password' | 'complete' | 'abandoned'
  identifier: string | null
  user_id: string | null
  first_factor_verification: VerificationState | null
  created_session_id: string | null
  abandon_at: number
}

export interface SignUpAttempt extends SignUpRecord {
  status: 'missing_requirements' | 'complete' | 'abandoned'
  email_address: string | null
  password_digest: string | null
  first_name: string | null
  last_name: string | null
  unsafe_metadata: Metadata
  /** Fixed when the attempt starts, so toggling the option mid-flow cannot strand an attempt. */
  email_code_required: boolean
  email_verification: VerificationState | null
  created_user_id: string | null
  created_session_id: string | null
  abandon_at: number
}

export const ATTEMPT_TTL_MS = 24 * 60 * 60 * 1000
export const CODE_TTL_MS = 10 * 60 * 1000
export const MAX_CODE_ATTEMPTS = 5

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

/** Drops sign-in/sign-up attempts past their abandon time, so the state file does not grow without bound. */
export function pruneAbandonedAttempts(store: Store, now = Date.now()): void {
  for (const collection of [store.data.signIns, store.data.signUps]) {
    for (const [id, attempt] of Object.entries(collection)) {
      if (typeof attempt.abandon_at === 'number' && attempt.abandon_at <= now) delete collection[id]
    }
  }
}
