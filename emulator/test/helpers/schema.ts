import type { ValidateFunction } from 'ajv'
import { loadSchemaFixture, violations, type SchemaFixture } from './schema-fixture.ts'

// Validates responses against the Backend API's published schemas, extracted into a fixture by
// emulator/scripts/extract-schemas.mjs bapi, so the test needs no copy of the spec beside the repo.

const { fixture, ajv, cache } = loadSchemaFixture('bapi', prepareComponents)

function prepareComponents(components: SchemaFixture['components']) {
  // Inside the components document `$ref`s stay local; only `nullable` needs rewriting.
  const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(prepare(v)).replaceAll('"bapi#/', '"#/'))
  return { schemas: Object.fromEntries(Object.entries(components.schemas).map(([name, schema]) => [name, strip(schema)])) }
}

/**
 * Rebases local `$ref`s onto the components document, and turns OpenAPI 3.0 `nullable: true`
 * into `anyOf [schema, null]`: ajv's own `nullable` needs a sibling `type` and ignores `oneOf`.
 */
function prepare(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prepare)
  if (!node || typeof node !== 'object') return node
  const { nullable, ...rest } = node as Record<string, unknown>
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === '$ref' ? `bapi${v as string}` : prepare(v)]))
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out
}

/** Compiles the schema of one operation's response, e.g. `('GET /users/{user_id}', 200)`. */
export function responseValidator(operation: string, status: number | string): ValidateFunction {
  const key = `${operation} ${status}`
  const cached = cache.get(key)
  if (cached) return cached
  const declared = fixture.operations[operation]
  if (!declared) throw new Error(`No operation ${operation} in the fixture`)
  // Errors the spec lists without a body schema are still Clerk error envelopes.
  const schema = declared[String(status)] ?? (Number(status) >= 400 ? { $ref: '#/components/schemas/ClerkErrors' } : undefined)
  if (!schema) throw new Error(`No schema for ${key} in the fixture`)
  // Component schemas live in their own document; rebase the operation's local $refs onto it.
  const validate = ajv.compile(prepare(schema) as object)
  cache.set(key, validate)
  return validate
}

/** Null when `body` matches, else a readable list of violations. */
export function schemaErrors(operation: string, status: number | string, body: unknown): string | null {
  return violations(responseValidator(operation, status), body)
}

export const componentSchemas = fixture.components.schemas
export const specVersion = fixture.version
