import { describe, expect, it } from 'vitest'
import { APPLICATION_NAME_MAX, APPLICATION_TYPE_MAX, fieldErrorCodesOf, fieldMessages, onboardingSchema } from '../../shared/onboarding'

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
      applicationName: '애플리케이션 이름을(를) 입력하세요.',
      applicationType: '애플리케이션 타입은(는) 50자 이하로 입력하세요.',
    })
    expect(fieldMessages(codes, 'en')).toEqual({
      applicationName: 'Enter the application name.',
      applicationType: 'The application type must be at most 50 characters.',
    })
  })
})
