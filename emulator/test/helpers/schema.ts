import { readFileSync } from 'node:fs'
import Ajv, { type ValidateFunction } from 'ajv'

// Validates responses against the Backend API's published schemas, extracted into a fixture by
// emulator/scripts/extract-bapi-schemas.mjs (OpenAPI 3.0: ajv understands `nullable` natively).

interface Fixture {
  version: string
  operations: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown> }
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/bapi-response-schemas.json', import.meta.url), 'utf8')) as Fixture
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
ajv.addSchema({ $id: 'bapi', components: fixture.components })
const cache = new Map<string, ValidateFunction>()

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs)
  if (!node || typeof node !== 'object') return node
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' ? `bapi${v as string}` : rewriteRefs(v)]))
}

/** Compiles the schema of one operation's response, e.g. `('GET /users/{user_id}', 200)`. */
export function responseValidator(operation: string, status: number | string): ValidateFunction {
  const key = `${operation} ${status}`
  let validate = cache.get(key)
  if (!validate) {
    const schema = fixture.operations[operation]?.[String(status)]
    if (!schema) throw new Error(`No schema for ${key} in the fixture`)
    // Component schemas live in their own document; rebase the operation's local $refs onto it.
    validate = ajv.compile(rewriteRefs(schema) as object)
    cache.set(key, validate)
  }
  return validate
}

/** Null when `body` matches, else a readable list of violations. */
export function schemaErrors(operation: string, status: number | string, body: unknown): string | null {
  const validate = responseValidator(operation, status)
  if (validate(body)) return null
  return (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n')
}

export const componentSchemas = fixture.components.schemas
export const specVersion = fixture.version
