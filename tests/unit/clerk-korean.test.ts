import { enUS } from '@clerk/localizations/en-US'
import { koKR } from '@clerk/localizations/ko-KR'
import { describe, expect, it } from 'vitest'
import { koKRComplete } from '../../plugins/clerk-localization/ko-KR'

const HANGUL = /[\uAC00-\uD7A3]/

/** Leaf paths of a nested string table: `zxcvbn.warnings.common`, ... */
function leafKeys(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    value && typeof value === 'object' ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`])
}

function lookUp(table: object | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], table)
}

describe('Clerk in Korean', () => {
  it('has a Korean string for every error key of Clerk\'s English pack', () => {
    const keys = leafKeys(enUS.unstable__errors!)
    expect(keys.length).toBeGreaterThan(100)
    const missing = keys.filter((key) => {
      const value = lookUp(koKRComplete.unstable__errors, key)
      return typeof value !== 'string' || !HANGUL.test(value)
    })
    expect(missing).toEqual([])
  })

  it('covers the codes the sign-in and sign-up flows return that Clerk\'s Korean pack lacks', () => {
    const errors = koKRComplete.unstable__errors as Record<string, string | undefined>
    for (const code of ['form_password_incorrect', 'form_identifier_exists__email_address', 'form_code_incorrect', 'verification_expired', 'verification_failed', 'form_password_length_too_long']) {
      expect((koKR.unstable__errors as Record<string, unknown>)[code], code).toBeUndefined()
      expect(errors[code], code).toMatch(HANGUL)
    }
  })

  it('has a Korean string for every string of the sign-in, sign-up and session-task screens, and the top-level ones they share', () => {
    // Second factor (signIn.totpMfa, backupCodeMfa), emailed codes (signUp.emailCode), social
    // sign-in (socialButtons*, signIn.sso*), tasks (choose-organization, reset-password, setup-mfa).
    const screens = ['signIn', 'signUp', 'taskChooseOrganization', 'taskResetPassword', 'taskSetupMfa']
    const keys = leafKeys(enUS).filter(key => !key.includes('.') || screens.includes(key.split('.')[0]!))
      .filter(key => typeof lookUp(enUS, key) === 'string')
    expect(keys.length).toBeGreaterThan(300)
    for (const key of ['signIn.totpMfa.title', 'signIn.backupCodeMfa.title', 'signUp.emailCode.title', 'socialButtonsBlockButton', 'taskChooseOrganization.chooseOrganization.title', 'taskSetupMfa.start.title']) {
      expect(keys, key).toContain(key)
    }
    // Clerk's own translations are kept as they are (`locale`, `example.com` placeholders); ours are Korean.
    const missing = keys.filter((key) => {
      const value = lookUp(koKRComplete, key)
      return typeof value !== 'string' || (value !== lookUp(koKR, key) && !HANGUL.test(value))
    })
    expect(missing).toEqual([])
  })

  it('keeps Clerk\'s own Korean translations and the rest of the pack', () => {
    expect(koKRComplete.unstable__errors!.form_identifier_not_found).toBe(koKR.unstable__errors!.form_identifier_not_found)
    expect(koKRComplete.signIn!.start!.title).toBe(koKR.signIn!.start!.title)
    expect(koKRComplete.signIn!.protectCheck!.title).toMatch(HANGUL)
    expect(koKRComplete.locale).toBe('ko-KR')
  })
})
