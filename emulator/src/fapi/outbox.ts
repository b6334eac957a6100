import { randomInt } from 'node:crypto'
import { eventHandler, getQuery, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { sendJson } from '../http.ts'
import type { EmailMessageRecord } from '../store.ts'
import { CODE_TTL_MS, type VerificationState } from './attempts.ts'

// The emulator sends no mail: a verification code is stored here, logged, and readable at
// GET /__emulator/emails so browser tests can type it in.

/** Clerk's test-mode convention: `+clerk_test` addresses always accept 424242. */
export function isTestEmail(email: string): boolean {
  return /\+clerk_test@/i.test(email)
}

export function newCode(email: string): string {
  return isTestEmail(email) ? '424242' : String(randomInt(0, 1_000_000)).padStart(6, '0')
}

export function recordEmail(ctx: EmulatorContext, to: string, subject: string, code: string): EmailMessageRecord {
  const message: EmailMessageRecord = {
    id: ctx.store.newId('ema'),
    to,
    subject,
    code,
    body: `${code} is your verification code.`,
    created_at: Date.now(),
  }
  ctx.store.data.emails[message.id] = message
  ctx.log(`email to ${to}: ${subject} (code ${code})`)
  return message
}

/** Emails a fresh code and returns the verification that waits for it (sign-in and sign-up alike). */
export function emailCodeVerification(ctx: EmulatorContext, to: string, subject: string, strategy: string): VerificationState {
  const code = newCode(to)
  recordEmail(ctx, to, subject, code)
  return { status: 'unverified', strategy, attempts: 0, expire_at: Date.now() + CODE_TTL_MS, code }
}

/** Newest first; `?to=` filters by recipient (case-insensitive). */
export function listEmails(ctx: EmulatorContext, to?: string): EmailMessageRecord[] {
  const wanted = to?.trim().toLowerCase()
  return Object.values(ctx.store.data.emails)
    .filter(m => !wanted || m.to.toLowerCase() === wanted)
    .sort((a, b) => b.created_at - a.created_at)
}

/** `GET <prefix>/emails`: the control router mounts it at /__emulator, the FAPI router at /fapi/__emulator. */
export function registerOutboxRoutes(router: Router, ctx: EmulatorContext, prefix = ''): void {
  router.get(`${prefix}/emails`, eventHandler((event) => {
    const { to } = getQuery(event)
    const data = listEmails(ctx, typeof to === 'string' ? to : undefined)
    return sendJson(event, { data, total_count: data.length })
  }))
}
