import { describe, expect, it } from 'vitest'
import { APPLICATION_NAME_MAX, APPLICATION_TYPE_MAX, fieldErrorsOf, onboardingSchema } from '../../shared/onboarding'

const valid = { applicationName: '내 앱', applicationType: 'SaaS' }

function errorsFor(body: unknown) {
  const result = onboardingSchema.safeParse(body)
  return result.success ? {} : fieldErrorsOf(result.error)
}

describe('onboardingSchema', () => {
  it('accepts and trims valid input, dropping unknown keys', () => {
    const result = onboardingSchema.parse({ applicationName: '  내 앱  ', applicationType: '\tSaaS\n', role: 'admin' })
    expect(result).toEqual({ applicationName: '내 앱', applicationType: 'SaaS' })
  })

  it('rejects empty and whitespace-only fields with Korean messages', () => {
    expect(errorsFor({ applicationName: '', applicationType: '   ' })).toEqual({
      applicationName: '애플리케이션 이름을(를) 입력하세요.',
      applicationType: '애플리케이션 타입을(를) 입력하세요.',
    })
  })

  it('accepts exactly the maximum lengths and rejects one more', () => {
    expect(errorsFor({ applicationName: 'a'.repeat(APPLICATION_NAME_MAX), applicationType: 'b'.repeat(APPLICATION_TYPE_MAX) })).toEqual({})
    expect(errorsFor({ applicationName: 'a'.repeat(APPLICATION_NAME_MAX + 1), applicationType: 'b'.repeat(APPLICATION_TYPE_MAX + 1) })).toEqual({
      applicationName: '애플리케이션 이름은(는) 100자 이하로 입력하세요.',
      applicationType: '애플리케이션 타입은(는) 50자 이하로 입력하세요.',
    })
  })

  it('counts length after trimming', () => {
    expect(errorsFor({ ...valid, applicationName: ` ${'a'.repeat(APPLICATION_NAME_MAX)} ` })).toEqual({})
  })

  it.each([
    [{ applicationName: 1, applicationType: 'x' }, 'applicationName'],
    [{ applicationName: 'x', applicationType: null }, 'applicationType'],
    [{ applicationName: ['x'], applicationType: 'x' }, 'applicationName'],
    [{ applicationName: { a: 1 }, applicationType: 'x' }, 'applicationName'],
    [{ applicationType: 'x' }, 'applicationName'],
  ])('rejects non-strings and missing fields: %j', (body, field) => {
    expect(Object.keys(errorsFor(body))).toEqual([field])
  })

  it('rejects bodies that are not objects', () => {
    for (const body of [null, 'x', 1, [valid]]) {
      expect(onboardingSchema.safeParse(body).success).toBe(false)
    }
  })
})
