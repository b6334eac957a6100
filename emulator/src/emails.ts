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

/** The emails the flows send, in each language the emulator writes them in. */
const TEMPLATES = {
  en: { verify_email: 'Verify your email address', sign_in_code: 'Your sign-in code', reset_password: 'Reset your password', body: '{code} is your verification code.' },
  ko: { verify_email: '이메일 주소를 인증해 주세요', sign_in_code: '로그인 코드', reset_password: '비밀번호 재설정 코드', body: '인증 코드는 {code}예요.' },
} as const
export type EmailKind = Exclude<keyof typeof TEMPLATES.en, 'body'>

/** The recipient's language from their locale (`ko-KR` -> ko); English for any other or none, as Clerk's default templates are. */
export function emailLanguage(locale: string | null | undefined): keyof typeof TEMPLATES {
  const language = locale?.split('-')[0]?.toLowerCase()
  return language === 'ko' ? 'ko' : 'en'
}

export function recordEmail(ctx: EmulatorContext, to: string, kind: EmailKind, code: string, locale: string | null | undefined): EmailMessageRecord {
  const words = TEMPLATES[emailLanguage(locale)]
  const message: EmailMessageRecord = {
    id: ctx.store.newId('ema'),
    to,
    subject: words[kind],
    code,
    body: words.body.replace('{code}', code),
    created_at: Date.now(),
  }
  ctx.store.data.emails[message.id] = message
  ctx.log(`email to ${to}: ${message.subject} (code ${code})`)
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
