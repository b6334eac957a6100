import { enUS } from '@clerk/localizations/en-US'
import { koKR } from '@clerk/localizations/ko-KR'
import { describe, expect, it } from 'vitest'
import { koKRComplete, koKRRewrites } from '../../plugins/clerk-localization/ko-KR'
import { renderedStrings, type ClerkStringsPart } from '../../plugins/clerk-localization/rendered'

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

  it('ships a Korean string for every string the sign-in, sign-up and session-task screens show', () => {
    // Second factor (signIn.totpMfa, backupCodeMfa), emailed codes (signUp.emailCode), social
    // sign-in (socialButtons*, signIn.sso*), tasks (choose-organization, reset-password, setup-mfa),
    // and the shared top-level strings, as the signed-out part the browser gets holds them.
    const screens = ['signIn', 'signUp', 'taskChooseOrganization', 'taskResetPassword', 'taskSetupMfa']
    const english = renderedStrings(enUS, 'signedOut')
    const keys = leafKeys(english).filter(key => !key.includes('.') || screens.includes(key.split('.')[0]!))
      .filter(key => typeof lookUp(english, key) === 'string')
    expect(keys.length).toBeGreaterThan(300)
    for (const key of ['signIn.totpMfa.title', 'signIn.backupCodeMfa.title', 'signUp.emailCode.title', 'socialButtonsBlockButton', 'identityPreviewEditButton__emailAddress', 'taskChooseOrganization.chooseOrganization.title', 'taskChooseOrganization.createOrganization.formFieldLabel__slug', 'taskSetupMfa.start.title']) {
      expect(keys, key).toContain(key)
    }
    const shipped = renderedStrings(koKRComplete, 'signedOut')
    // Clerk's own translations are kept as they are (`locale`, `example.com` placeholders); ours are Korean.
    const missing = keys.filter((key) => {
      const value = lookUp(shipped, key)
      return typeof value !== 'string' || (value !== lookUp(koKR, key) && !HANGUL.test(value))
    })
    expect(missing).toEqual([])
    expect(lookUp(shipped, 'unstable__errors.organization_not_found_or_unauthorized')).toMatch(HANGUL)
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

describe('Clerk in Korean, as the browser gets it', () => {
  const parts: ClerkStringsPart[] = ['signedOut', 'signedIn']
  const sections = (table: object) => Object.entries(table).filter(([, value]) => value && typeof value === 'object').map(([key]) => key).sort()

  it.each(parts)('the %s part has a Korean string for every error key of Clerk\'s English pack our components can meet', (part) => {
    const keys = leafKeys(renderedStrings(enUS).unstable__errors!)
    expect(keys.length).toBeGreaterThan(50)
    const shipped = renderedStrings(koKRComplete, part)
    expect(keys.filter(key => !HANGUL.test(String(lookUp(shipped.unstable__errors, key))))).toEqual([])
    // Our own additions are errors the API returns in these flows: they all ship.
    expect(shipped.unstable__errors).toEqual(renderedStrings(koKRComplete).unstable__errors)
  })

  it('keeps every section of the components we mount, each in the part for the pages that show it', () => {
    expect(sections(renderedStrings(koKRComplete, 'signedOut'))).toEqual(['signIn', 'signUp', 'taskChooseOrganization', 'taskResetPassword', 'taskSetupMfa', 'unstable__errors', 'web3SolanaWalletButtons'])
    expect(sections(renderedStrings(koKRComplete, 'signedIn'))).toEqual(['dates', 'impersonationFab', 'reverification', 'unstable__errors', 'userButton', 'userProfile'])
    // The two parts together are all we render, and each section as Korean has it (features we do not use aside).
    const all = renderedStrings(koKRComplete)
    expect({ ...renderedStrings(koKRComplete, 'signedOut'), ...renderedStrings(koKRComplete, 'signedIn') }).toEqual(all)
    // What a kept section loses (a whole sub-section by its name): only strings of features this app does not turn on.
    const left = Object.fromEntries(sections(all).map((section) => {
      const [source, kept] = [lookUp(koKRComplete, section) as object, lookUp(all, section) as object]
      const lost = leafKeys(source).filter(key => lookUp(source, key) !== undefined && lookUp(kept, key) === undefined)
      return [section, [...new Set(lost.map((key) => {
        const [first] = key.split('.') as [string]
        return lookUp(kept, first) === undefined ? first : key
      }))]]
    }).filter(([, keys]) => keys!.length))
    expect(left).toEqual({
      unstable__errors: ['already_a_member_in_organization', 'api_key_name_already_exists', 'api_key_usage_exceeded', 'insufficient_seats_change_plan', 'insufficient_seats_contact_support', 'organization_domain_blocked', 'organization_domain_common', 'organization_domain_exists_for_enterprise_connection', 'organization_minimum_permissions_needed'],
      userProfile: ['apiKeysPage', 'billingPage', 'navbar.apiKeys', 'navbar.billing', 'plansPage'],
    })
    expect(all.userProfile!.start!.headerTitle__account).toBe(koKR.userProfile!.start!.headerTitle__account)
    expect(all.formFieldLabel__emailAddress).toBe(koKR.formFieldLabel__emailAddress)
    expect(all.locale).toBe('ko-KR')
  })

  it('leaves out only the sections of components and features this app does not turn on', () => {
    // A section Clerk adds shows up here, to be sorted into one part or the other.
    const notRendered = ['apiKeys', 'billing', 'configureDirectorySync', 'configureSSO', 'createOrganization', 'oauthConsent', 'oauthDeviceVerification', 'organizationList', 'organizationProfile', 'organizationSwitcher', 'searchInput', 'waitlist']
    const kept = sections(renderedStrings(enUS))
    expect(sections(enUS).filter(section => !kept.includes(section))).toEqual(notRendered)
  })
})
