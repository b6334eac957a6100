import { enUS } from '@clerk/localizations/en-US'
import { koKR } from '@clerk/localizations/ko-KR'
import { describe, expect, it } from 'vitest'
import { koKRComplete, koKRRewrites } from '../../plugins/clerk-localization/ko-KR'

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

  it('keeps Clerk\'s own Korean translations and the rest of the pack', () => {
    expect(koKRComplete.unstable__errors!.form_identifier_not_found).toBe(koKR.unstable__errors!.form_identifier_not_found)
    expect(koKRComplete.signIn!.start!.title).toBe(koKR.signIn!.start!.title)
    expect(koKRComplete.signIn!.start!.actionLink).toBe(koKR.signIn!.start!.actionLink)
    expect(koKRComplete.signIn!.protectCheck!.title).toMatch(HANGUL)
    expect(koKRComplete.locale).toBe('ko-KR')
  })

  it('rewrites only keys Clerk has, each with English\'s placeholders and different from Clerk\'s Korean', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*([^}|\s]+)/g)].map(match => match[1]).sort()
    const keys = leafKeys(koKRRewrites)
    expect(keys.length).toBeGreaterThan(50)
    for (const key of keys) {
      // A few keys are in Clerk's Korean pack only; their placeholders are held to it.
      const reference = lookUp(enUS, key) ?? lookUp(koKR, key)
      expect(typeof reference, key).toBe('string')
      expect(placeholders(lookUp(koKRComplete, key)), key).toEqual(placeholders(reference))
      expect(lookUp(koKRComplete, key), key).not.toBe(lookUp(koKR, key))
    }
  })

  it('says the password rule as one sentence, the way Clerk composes it', () => {
    // clerk-ui: `${sentencePrefix} ${Intl.ListFormat(conditions)}` plus a full stop.
    const complexity = koKRComplete.unstable__errors!.passwordComplexity!
    const hint = (conditions: string[]) => `${complexity.sentencePrefix} ${new Intl.ListFormat('ko-KR', { style: 'long', type: 'conjunction' }).format(conditions)}.`
    expect(hint([complexity.minimumLength!.replace('{{length}}', '8')])).toBe('비밀번호 조건: 8자 이상.')
    expect(hint([complexity.requireLowercase!, complexity.requireNumbers!])).toBe('비밀번호 조건: 소문자 포함 및 숫자 포함.')
  })

  it('never guesses a particle after a name: no bare 로, 가, 는 or 에게 right after a placeholder', () => {
    const offenders = leafKeys(koKRComplete)
      .filter(key => !key.startsWith('commerce') && !key.includes('rganization') && !key.startsWith('apiKeys') && !key.startsWith('configureSSO'))
      .map(key => [key, String(lookUp(koKRComplete, key))])
      .filter(([, text]) => /\}\}(로|가|는|에게)(?![가-힣])/.test(text!))
    expect(offenders).toEqual([])
  })
})
