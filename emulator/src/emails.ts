import { randomInt } from 'node:crypto'
import type { EmulatorContext } from './context.ts'
import { isTestPhoneNumber } from './phone-numbers.ts'
import type { EmailMessageRecord, SmsMessageRecord } from './store.ts'

// The emulator sends no mail and no text: a message (a verification code) is stored in the outbox,
// logged, and readable at GET /__emulator/emails and /__emulator/sms so browser tests can type it in.

/** Clerk's test-mode convention: `+clerk_test` addresses always accept 424242. */
export function isTestEmail(email: string): boolean {
  return /\+clerk_test@/i.test(email)
}

/** A fresh six-digit code for an email address or phone number; Clerk's test ones always get 424242. */
export function newCode(to: string): string {
  return isTestEmail(to) || isTestPhoneNumber(to) ? '424242' : String(randomInt(0, 1_000_000)).padStart(6, '0')
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

/** Newest first; `?to=` filters by recipient (case-insensitive). */
export function listEmails(ctx: EmulatorContext, to?: string): EmailMessageRecord[] {
  const wanted = to?.trim().toLowerCase()
  return Object.values(ctx.store.data.emails)
    .filter(m => !wanted || m.to.toLowerCase() === wanted)
    .sort((a, b) => b.created_at - a.created_at)
}

export function recordSms(ctx: EmulatorContext, to: string, code: string): SmsMessageRecord {
  const message: SmsMessageRecord = { id: ctx.store.newId('sms'), to, code, body: `${code} is your verification code.`, created_at: Date.now() }
  ctx.store.data.sms[message.id] = message
  ctx.log(`SMS to ${to} (code ${code})`)
  return message
}

/** Newest first; `to` filters by number (as typed: spaces and dashes are ignored). */
export function listSms(ctx: EmulatorContext, to?: string): SmsMessageRecord[] {
  const wanted = to?.replace(/[\s().-]/g, '')
  return Object.values(ctx.store.data.sms)
    .filter(m => !wanted || m.to === wanted)
    .sort((a, b) => b.created_at - a.created_at)
}
