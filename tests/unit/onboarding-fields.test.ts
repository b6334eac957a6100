import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { format, koreanParticles, LOCALES, messages } from '../../shared/messages'
import type { ONBOARDING_FIELDS, FieldErrorCode, FieldSpec } from '../../shared/onboarding'
import { FIELD_NAMES, fieldMessage, fieldSchema, fieldValuesOf, onboardingSchema, specOf } from '../../shared/onboarding'

// Walks the fields table (shared/onboarding-fields.ts): everything a field needs follows from its
// row and its words in shared/messages.ts, so a fork adds a field in those two files.

const CODES: Record<FieldSpec['kind'], FieldErrorCode[]> = {
  text: ['required', 'too_long', 'not_string', 'invalid_characters'],
  number: ['required', 'not_number', 'out_of_range'],
}

/** One accepted value per kind, the largest the row allows. */
const largest = (spec: FieldSpec) => (spec.kind === 'number' ? spec.max : 'a'.repeat(spec.max))
const validBody = Object.fromEntries(FIELD_NAMES.map(field => [field, largest(specOf(field))]))

function codeFor(field: string, value: unknown) {
  const result = z.safeParse(fieldSchema(specOf(field as keyof typeof ONBOARDING_FIELDS)), value)
  return result.success ? undefined : result.error.issues[0]!.message
}

describe('the onboarding fields table', () => {
  it('lists the fields in the form\'s order, each with a kind, limits and a dashboard flag', () => {
    expect(FIELD_NAMES.length).toBeGreaterThan(0)
    for (const field of FIELD_NAMES) {
      const spec = specOf(field)
      expect(Object.keys(CODES), field).toContain(spec.kind)
      expect(Number.isSafeInteger(spec.max), field).toBe(true)
      if (spec.kind === 'number') expect(spec.min, field).toBeLessThanOrEqual(spec.max)
      else expect(spec.max, field).toBeGreaterThan(0)
      expect(typeof spec.dashboard, field).toBe('boolean')
    }
  })

  it('has words for every field in both languages, and no words for a field it does not list', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(messages[locale].fields), locale).toEqual(FIELD_NAMES)
      for (const field of FIELD_NAMES) {
        const { label, noun, help, placeholder } = messages[locale].fields[field]
        for (const words of [label, noun, help, placeholder]) expect(words.trim().length, `${locale}:${field}`).toBeGreaterThan(0)
      }
    }
  })

  it.each(FIELD_NAMES)('%s: every refusal its kind can give is worded in both languages, limits filled in', (field) => {
    const spec = specOf(field)
    for (const locale of LOCALES) {
      const noun = messages[locale].fields[field].noun
      for (const code of CODES[spec.kind]) {
        const text = fieldMessage(field, code, locale)
        expect(text, `${locale}:${code}`).not.toMatch(/\{\w+\}/)
        if (locale === 'ko') expect(Object.values(koreanParticles(noun)).some(word => text.includes(word)), text).toBe(true)
        else expect(text).toContain(noun)
        if (code === 'too_long' || code === 'out_of_range') expect(text).toContain(new Intl.NumberFormat(locale).format(spec.max))
      }
    }
  })

  it('words the number refusals with both limits in both languages', () => {
    for (const locale of LOCALES) {
      const params = { field: '팀 규모', ...koreanParticles('팀 규모'), min: '1', max: '10,000' }
      expect(format(messages[locale].validation.out_of_range, params)).toMatch(/1\D+10,000/)
      expect(format(messages[locale].validation.not_number, params)).not.toMatch(/\{\w+\}/)
    }
  })

  it('builds the schema from the table: one key per field, the largest allowed values pass, one past fails', () => {
    expect(Object.keys(onboardingSchema.def.shape)).toEqual(FIELD_NAMES)
    expect(onboardingSchema.parse(validBody)).toEqual(validBody)
    for (const field of FIELD_NAMES) {
      const spec = specOf(field)
      expect(codeFor(field, spec.kind === 'number' ? spec.max + 1 : 'a'.repeat(spec.max + 1)), field).toBe(spec.kind === 'number' ? 'out_of_range' : 'too_long')
      expect(codeFor(field, '  '), field).toBe('required')
    }
  })

  it('reads stored values through the table: the right kind is kept, anything else is null', () => {
    expect(fieldValuesOf({ ...validBody, onboardingComplete: true, plan: 'pro' })).toEqual(validBody)
    const wrongKind = Object.fromEntries(FIELD_NAMES.map(field => [field, specOf(field).kind === 'number' ? 'x' : 1]))
    expect(fieldValuesOf(wrongKind)).toEqual(Object.fromEntries(FIELD_NAMES.map(field => [field, null])))
    expect(fieldValuesOf(undefined)).toEqual(Object.fromEntries(FIELD_NAMES.map(field => [field, null])))
  })
})

describe('the number kind', () => {
  const teamSize = { kind: 'number', min: 1, max: 10_000, dashboard: true } as const
  const parse = (value: unknown) => z.safeParse(fieldSchema(teamSize), value)
  const code = (value: unknown) => {
    const result = parse(value)
    return result.success ? result.data : result.error.issues[0]!.message
  }

  it('takes a JSON number or the digits the form sends, trimmed, as the number', () => {
    expect([1, 10_000, '42', ' 7 ', '007'].map(code)).toEqual([1, 10_000, 42, 7, 7])
  })

  it('refuses what is not a whole number, what is out of range, and an empty field', () => {
    expect([12.5, 'abc', '1e3', '4 2', '١٢', '0x10', null, undefined, [1], true].map(code)).toEqual(Array(10).fill('not_number'))
    expect([0, 10_001, '-1', '99999999'].map(code)).toEqual(Array(4).fill('out_of_range'))
    expect(['', '   ', '\u200B'].map(code)).toEqual(Array(3).fill('required'))
  })
})
