import { describe, expect, it } from 'vitest'
import { fieldErrorCodesOf, fieldMessages, graphemeCount, ONBOARDING_FIELDS, onboardingSchema } from '../../shared/onboarding'

const APPLICATION_NAME_MAX = ONBOARDING_FIELDS.applicationName.max
const APPLICATION_TYPE_MAX = ONBOARDING_FIELDS.applicationType.max

const valid = { applicationName: '내 앱', applicationType: 'SaaS' }

function codesFor(body: unknown) {
  const result = onboardingSchema.safeParse(body)
  return result.success ? {} : fieldErrorCodesOf(result.error)
}

describe('onboardingSchema', () => {
  it('accepts and trims valid input, dropping unknown keys', () => {
    const result = onboardingSchema.parse({ applicationName: '  내 앱  ', applicationType: '\tSaaS\n', role: 'admin' })
    expect(result).toEqual({ applicationName: '내 앱', applicationType: 'SaaS' })
  })

  it('rejects empty and whitespace-only fields', () => {
    expect(codesFor({ applicationName: '', applicationType: '   ' })).toEqual({ applicationName: 'required', applicationType: 'required' })
  })

  it('accepts exactly the maximum lengths and rejects one more', () => {
    expect(codesFor({ applicationName: 'a'.repeat(APPLICATION_NAME_MAX), applicationType: 'b'.repeat(APPLICATION_TYPE_MAX) })).toEqual({})
    expect(codesFor({ applicationName: 'a'.repeat(APPLICATION_NAME_MAX + 1), applicationType: 'b'.repeat(APPLICATION_TYPE_MAX + 1) }))
      .toEqual({ applicationName: 'too_long', applicationType: 'too_long' })
  })

  it('counts length after trimming', () => {
    expect(codesFor({ ...valid, applicationName: ` ${'a'.repeat(APPLICATION_NAME_MAX)} ` })).toEqual({})
  })

  it.each([
    [{ applicationName: 1, applicationType: 'x' }, { applicationName: 'not_string' }],
    [{ applicationName: 'x', applicationType: null }, { applicationType: 'not_string' }],
    [{ applicationName: ['x'], applicationType: 'x' }, { applicationName: 'not_string' }],
    [{ applicationName: { a: 1 }, applicationType: 'x' }, { applicationName: 'not_string' }],
    [{ applicationType: 'x' }, { applicationName: 'not_string' }],
  ])('rejects non-strings and missing fields: %j', (body, codes) => {
    expect(codesFor(body)).toEqual(codes)
  })

  it('counts what a person sees: twenty family emoji are twenty characters', () => {
    const family = '👨‍👩‍👧‍👦'
    expect(graphemeCount(family)).toBe(1)
    expect(family.length).toBe(11)
    expect(codesFor({ ...valid, applicationName: family.repeat(20) })).toEqual({})
    expect(codesFor({ ...valid, applicationName: family.repeat(APPLICATION_NAME_MAX) })).toEqual({})
    expect(codesFor({ ...valid, applicationName: family.repeat(APPLICATION_NAME_MAX + 1) })).toEqual({ applicationName: 'too_long' })
    // Combining marks belong to their letter: 한 written as three jamo is one character.
    expect(codesFor({ ...valid, applicationType: '\u1112\u1161\u11AB'.repeat(APPLICATION_TYPE_MAX) })).toEqual({})
  })

  it.each([
    ['zero-width space', '\u200B\u200B'],
    ['zero-width joiner and non-joiner', '\u200D\u200C'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\uFEFF'],
    ['bidi controls', '\u202E\u2066\u2069\u200F\u061C'],
    ['Hangul filler', '\u3164'],
    ['Hangul choseong and jungseong fillers', '\u115F\u1160'],
    ['halfwidth Hangul filler', '\uFFA0'],
    ['braille blank and ideographic space', '\u2800\u3000'],
    ['variation selector', '\uFE0F'],
    ['mixed with spaces', ' \u200B \u3164 '],
  ])('refuses a name that looks empty: %s', (_label, value) => {
    expect(codesFor({ ...valid, applicationName: value })).toEqual({ applicationName: 'required' })
  })

  it('keeps a real name that contains a zero-width joiner', () => {
    expect(onboardingSchema.parse({ ...valid, applicationName: '\u200B앱' }).applicationName).toBe('\u200B앱')
  })

  it.each([
    ['newline inside', 'a\nb'],
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001B[31m'],
    ['DEL', 'a\u007F'],
    ['C1 control', 'a\u0085b'],
  ])('refuses control characters: %s', (_label, value) => {
    expect(codesFor({ ...valid, applicationType: value })).toEqual({ applicationType: 'invalid_characters' })
  })

  it('rejects bodies that are not objects', () => {
    for (const body of [null, 'x', 1, [valid]]) {
      expect(onboardingSchema.safeParse(body).success).toBe(false)
    }
  })
})

describe('fieldMessages', () => {
  it('puts codes into Korean and English words with the limits filled in', () => {
    const codes = { applicationName: 'required', applicationType: 'too_long' } as const
    expect(fieldMessages(codes, 'ko')).toEqual({
      applicationName: '애플리케이션 이름을 입력해 주세요.',
      applicationType: '애플리케이션 유형은 50자 이하로 입력해 주세요.',
    })
    expect(fieldMessages(codes, 'en')).toEqual({
      applicationName: 'Enter the application name.',
      applicationType: 'The application type must be at most 50 characters.',
    })
  })

  it('words the control-character refusal with the subject particle', () => {
    expect(fieldMessages({ applicationName: 'invalid_characters' }, 'ko')).toEqual({ applicationName: '애플리케이션 이름이 입력할 수 없는 문자를 포함하고 있어요.' })
    expect(fieldMessages({ applicationName: 'invalid_characters' }, 'en')).toEqual({ applicationName: 'The application name contains characters that cannot be used.' })
  })
})
