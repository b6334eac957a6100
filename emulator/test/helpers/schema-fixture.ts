import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'

// What the Frontend and Backend API schema checks share: a fixture extracted by
// emulator/scripts/extract-schemas.mjs, an ajv with its components registered, compiled validators.

export interface SchemaFixture {
  version: string
  operations: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown> }
}

/** `prepareComponents` turns the fixture's components into what ajv reads; they are registered as `$id: api`. */
export function loadSchemaFixture(api: 'fapi' | 'bapi', prepareComponents: (components: SchemaFixture['components']) => unknown) {
  const fixture = JSON.parse(readFileSync(new URL(`../fixtures/${api}-response-schemas.json`, import.meta.url), 'utf8')) as SchemaFixture
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  ajv.addSchema({ $id: api, components: prepareComponents(fixture.components) })
  return { fixture, ajv, cache: new Map<string, ValidateFunction>() }
}

/** Null when `body` matches, else a readable list of violations. */
export function violations(validate: ValidateFunction, body: unknown): string | null {
  if (validate(body)) return null
  return (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n')
}
