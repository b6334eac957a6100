import { readFileSync } from 'node:fs'
import Ajv, { type ValidateFunction } from 'ajv'

// Validates Frontend API responses against Clerk's published schemas, extracted into a fixture by
// emulator/scripts/extract-schemas.mjs fapi (OpenAPI 3.0: ajv understands `nullable` natively).

interface Fixture {
  version: string
  operations: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown> }
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/fapi-response-schemas.json', import.meta.url), 'utf8')) as Fixture
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
ajv.addSchema({ $id: 'fapi', components: normalize(fixture.components, '') })
const cache = new Map<string, ValidateFunction>()

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
  if (validate(body)) return null
  return (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n')
}
