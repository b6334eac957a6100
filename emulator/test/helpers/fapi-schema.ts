import { loadSchemaFixture, violations } from './schema-fixture.ts'

// Validates Frontend API responses against Clerk's published schemas, extracted into a fixture by
// emulator/scripts/extract-schemas.mjs fapi (OpenAPI 3.0: ajv understands `nullable` natively).

const { fixture, ajv, cache } = loadSchemaFixture('fapi', components => normalize(components, ''))

/**
 * Reads OpenAPI 3.0's `nullable` the way the spec means it where ajv does not: beside an enum
 * (null is allowed too) and beside allOf/oneOf/$ref (null, or the combined schema). `refPrefix`
 * rebases local $refs onto the components document.
 */
function normalize(node: unknown, refPrefix: string): unknown {
  if (Array.isArray(node)) return node.map(item => normalize(item, refPrefix))
  if (!node || typeof node !== 'object') return node
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' ? `${refPrefix}${v as string}` : normalize(v, refPrefix)])) as Record<string, unknown>
  if (out.nullable !== true) return out
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  if (out.allOf || out.oneOf || out.anyOf || out.$ref) {
    const { nullable: _nullable, ...rest } = out
    return { anyOf: [{ type: 'null' }, rest] }
  }
  return out
}

/** Null when `body` matches the schema of `operation` (e.g. 'GET /v1/client') at `status`, else the violations. */
export function fapiSchemaErrors(operation: string, status: number, body: unknown): string | null {
  const key = `${operation} ${status}`
  let validate = cache.get(key)
  if (!validate) {
    const schema = fixture.operations[operation]?.[String(status)]
    if (!schema) throw new Error(`No schema for ${key} in the fixture`)
    validate = ajv.compile(normalize(schema, 'fapi') as object)
    cache.set(key, validate)
  }
  return violations(validate, body)
}
