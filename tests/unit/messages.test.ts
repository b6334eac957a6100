import { describe, expect, it } from 'vitest'
import { format, messages, pickLocale } from '../../shared/messages'

describe('pickLocale', () => {
  it('prefers the remembered choice, then Accept-Language, then Korean', () => {
    expect(pickLocale('en', 'ko-KR,ko;q=0.9')).toBe('en')
    expect(pickLocale(undefined, 'en-US,en;q=0.9')).toBe('en')
    expect(pickLocale(undefined, 'fr-FR, en;q=0.5')).toBe('en')
    expect(pickLocale(undefined, 'fr-FR')).toBe('ko')
    expect(pickLocale('xx', undefined)).toBe('ko')
    expect(pickLocale(undefined, '')).toBe('ko')
  })
})

describe('format', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(format('{field}은(는) {max}자 이하', { field: '이름', max: 100 })).toBe('이름은(는) 100자 이하')
    expect(format('{missing}', {})).toBe('{missing}')
  })
})

describe('messages', () => {
  it('has the same keys in both languages, none empty', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`))
        : [prefix]
    expect(keys(messages.en)).toEqual(keys(messages.ko))
    for (const locale of ['ko', 'en'] as const) {
      for (const key of keys(messages[locale])) {
        const value = key.split('.').filter(Boolean).reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages[locale])
        expect(typeof value === 'string' && value.length > 0, `${locale}:${key}`).toBe(true)
      }
    }
  })
})
