import { describe, expect, it } from 'vitest'
import { format, koreanParticles, messages, pickLocale } from '../../shared/messages'

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

describe('koreanParticles', () => {
  it('takes 을, 이, 은 after a final consonant and 를, 가, 는 after a vowel', () => {
    expect(koreanParticles('이름')).toEqual({ fieldObject: '이름을', fieldSubject: '이름이', fieldTopic: '이름은' })
    expect(koreanParticles('타입')).toEqual({ fieldObject: '타입을', fieldSubject: '타입이', fieldTopic: '타입은' })
    expect(koreanParticles('주소')).toEqual({ fieldObject: '주소를', fieldSubject: '주소가', fieldTopic: '주소는' })
    expect(koreanParticles('애플리케이션 유형')).toEqual({ fieldObject: '애플리케이션 유형을', fieldSubject: '애플리케이션 유형이', fieldTopic: '애플리케이션 유형은' })
    expect(koreanParticles('카테고리')).toEqual({ fieldObject: '카테고리를', fieldSubject: '카테고리가', fieldTopic: '카테고리는' })
  })

  it('reads the first and last Hangul syllables right (가 has no final consonant, 힣 has one)', () => {
    expect(koreanParticles('가').fieldObject).toBe('가를')
    expect(koreanParticles('힣').fieldObject).toBe('힣을')
  })

  it('keeps the neutral written form after a word that does not end in Hangul', () => {
    expect(koreanParticles('SaaS')).toEqual({ fieldObject: 'SaaS을(를)', fieldSubject: 'SaaS이(가)', fieldTopic: 'SaaS은(는)' })
    expect(koreanParticles('')).toEqual({ fieldObject: '을(를)', fieldSubject: '이(가)', fieldTopic: '은(는)' })
  })
})
