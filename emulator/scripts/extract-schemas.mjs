#!/usr/bin/env node
// Extracts, from Clerk's published OpenAPI specs (MIT, clerk/openapi-specs), the response schemas
// of the endpoints the emulator implements, so the schema tests run without the spec beside the
// repo. Re-run after adding an endpoint or when a new spec version lands:
//   node emulator/scripts/extract-schemas.mjs bapi ../shared/clerk-openapi/bapi-2026-05-12.yml
//   node emulator/scripts/extract-schemas.mjs fapi ../shared/clerk-openapi/fapi-2026-05-12.yml
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** Implemented operations per API: "METHOD /path" as each spec spells them. */
const APIS = {
  bapi: {
    title: 'Backend API',
    operations: [
      'GET /jwks',
      'GET /users', 'POST /users', 'GET /users/count',
      'GET /users/{user_id}', 'PATCH /users/{user_id}', 'DELETE /users/{user_id}',
      'PATCH /users/{user_id}/metadata', 'PUT /users/{user_id}/metadata', 'POST /users/{user_id}/verify_password',
      'POST /users/{user_id}/ban', 'POST /users/{user_id}/unban',
      'POST /users/{user_id}/verify_totp', 'DELETE /users/{user_id}/mfa', 'DELETE /users/{user_id}/totp',
      'DELETE /users/{user_id}/backup_code',
      'GET /sessions', 'POST /sessions', 'GET /sessions/{session_id}',
      'POST /sessions/{session_id}/revoke', 'POST /sessions/{session_id}/tokens',
      'POST /sessions/{session_id}/tokens/{template_name}',
      'POST /sign_in_tokens', 'POST /sign_in_tokens/{sign_in_token_id}/revoke',
      'DELETE /users/{user_id}/external_accounts/{external_account_id}',
      'POST /testing_tokens',
      'POST /users/{user_id}/password/set_compromised', 'POST /users/{user_id}/password/unset_compromised',
      'GET /instance/organization_settings', 'PATCH /instance/organization_settings',
      'GET /organizations', 'POST /organizations', 'GET /organizations/{organization_id}',
      'PATCH /organizations/{organization_id}', 'DELETE /organizations/{organization_id}',
      'PATCH /organizations/{organization_id}/metadata', 'PUT /organizations/{organization_id}/metadata',
      'PUT /organizations/{organization_id}/logo', 'DELETE /organizations/{organization_id}/logo',
      'GET /organizations/{organization_id}/memberships', 'POST /organizations/{organization_id}/memberships',
      'PATCH /organizations/{organization_id}/memberships/{user_id}', 'DELETE /organizations/{organization_id}/memberships/{user_id}',
      'PATCH /organizations/{organization_id}/memberships/{user_id}/metadata', 'GET /organization_memberships',
      'GET /organizations/{organization_id}/invitations', 'POST /organizations/{organization_id}/invitations',
      'POST /organizations/{organization_id}/invitations/bulk', 'GET /organizations/{organization_id}/invitations/pending',
      'GET /organizations/{organization_id}/invitations/{invitation_id}', 'POST /organizations/{organization_id}/invitations/{invitation_id}/revoke',
      'GET /users/{user_id}/organization_memberships', 'GET /users/{user_id}/organization_invitations',
      'GET /organization_roles', 'POST /organization_roles', 'GET /organization_roles/{organization_role_id}',
      'PATCH /organization_roles/{organization_role_id}', 'DELETE /organization_roles/{organization_role_id}',
      'POST /organization_roles/{organization_role_id}/permissions/{permission_id}', 'DELETE /organization_roles/{organization_role_id}/permissions/{permission_id}',
      'GET /organization_permissions', 'POST /organization_permissions', 'GET /organization_permissions/{permission_id}', 'DELETE /organization_permissions/{permission_id}',
    ],
  },
  fapi: {
    title: 'Frontend API',
    operations: [
      'GET /v1/environment', 'PATCH /v1/environment',
      'GET /v1/client', 'PUT /v1/client', 'DELETE /v1/client', 'DELETE /v1/client/sessions',
      'POST /v1/client/sign_ups', 'GET /v1/client/sign_ups/{sign_up_id}', 'PATCH /v1/client/sign_ups/{sign_up_id}',
      'POST /v1/client/sign_ups/{sign_up_id}/prepare_verification', 'POST /v1/client/sign_ups/{sign_up_id}/attempt_verification',
      'POST /v1/client/sign_ins', 'GET /v1/client/sign_ins/{sign_in_id}',
      'POST /v1/client/sign_ins/{sign_in_id}/prepare_first_factor', 'POST /v1/client/sign_ins/{sign_in_id}/attempt_first_factor',
      'POST /v1/client/sign_ins/{sign_in_id}/reset_password',
      'POST /v1/client/sign_ins/{sign_in_id}/prepare_second_factor', 'POST /v1/client/sign_ins/{sign_in_id}/attempt_second_factor',
      'GET /v1/client/sessions/{session_id}', 'POST /v1/client/sessions/{session_id}/touch',
      'POST /v1/client/sessions/{session_id}/end', 'POST /v1/client/sessions/{session_id}/remove',
      'POST /v1/client/sessions/{session_id}/tokens', 'POST /v1/client/sessions/{session_id}/tokens/{template_name}',
      'GET /v1/me', 'PATCH /v1/me', 'DELETE /v1/me', 'PATCH /v1/me/metadata', 'POST /v1/me/change_password',
      'POST /v1/me/profile_image', 'DELETE /v1/me/profile_image',
      'GET /v1/me/sessions/active', 'GET /v1/me/sessions', 'POST /v1/me/sessions/{session_id}/revoke',
      'GET /v1/me/email_addresses', 'POST /v1/me/email_addresses', 'GET /v1/me/email_addresses/{email_id}',
      'DELETE /v1/me/email_addresses/{email_id}',
      'POST /v1/me/email_addresses/{email_id}/prepare_verification', 'POST /v1/me/email_addresses/{email_id}/attempt_verification',
      'GET /v1/me/phone_numbers', 'POST /v1/me/phone_numbers', 'GET /v1/me/phone_numbers/{phone_number_id}',
      'DELETE /v1/me/phone_numbers/{phone_number_id}',
      'POST /v1/me/phone_numbers/{phone_number_id}/prepare_verification', 'POST /v1/me/phone_numbers/{phone_number_id}/attempt_verification',
      'POST /v1/me/totp', 'DELETE /v1/me/totp', 'POST /v1/me/totp/attempt_verification', 'POST /v1/me/backup_codes',
      'POST /v1/organizations', 'GET /v1/organizations/{organization_id}', 'PATCH /v1/organizations/{organization_id}',
      'DELETE /v1/organizations/{organization_id}', 'PUT /v1/organizations/{organization_id}/logo',
      'GET /v1/organizations/{organization_id}/memberships', 'POST /v1/organizations/{organization_id}/memberships',
      'PATCH /v1/organizations/{organization_id}/memberships/{user_id}', 'DELETE /v1/organizations/{organization_id}/memberships/{user_id}',
      'GET /v1/organizations/{organization_id}/invitations', 'POST /v1/organizations/{organization_id}/invitations',
      'POST /v1/organizations/{organization_id}/invitations/bulk', 'POST /v1/organizations/{organization_id}/invitations/{invitation_id}/revoke',
      'GET /v1/organizations/{organization_id}/roles', 'GET /v1/organizations/{organization_id}/domains',
      'GET /v1/me/organization_memberships', 'DELETE /v1/me/organization_memberships/{organization_id}',
      'GET /v1/me/organization_invitations', 'POST /v1/me/organization_invitations/{invitation_id}/accept',
      'GET /v1/me/organization_suggestions',
      'POST /v1/me/external_accounts', 'DELETE /v1/me/external_accounts/{external_account_id}',
    ],
  },
}

/**
 * Fields Clerk sends that the published schema leaves out, each with the source that shows it:
 * added to the component so `additionalProperties: false` still catches anything else.
 */
const AMENDMENTS = {
  fapi: {
    // clerk-js OrganizationSettings.fromJSON reads it (the UI hides the personal account by it);
    // Clerk's own fixtures (clerk-js src/test/fixtures.ts, packages/msw EnvironmentService) send it.
    'Client.OrganizationSettings': { force_organization_selection: { type: 'boolean' } },
  },
  bapi: {},
}

const [kind, specFile] = process.argv.slice(2)
const API = APIS[kind]
if (!API || !specFile) {
  console.error('usage: extract-schemas.mjs <bapi|fapi> <spec-YYYY-MM-DD.yml>')
  process.exit(2)
}
const OPERATIONS = API.operations
const spec = parse(readFileSync(specFile, 'utf8'))

// Documentation-only keys are dropped; `discriminator` too, since the oneOf alone decides.
const DROP = new Set(['description', 'example', 'examples', 'deprecated', 'discriminator', 'externalDocs', 'title'])
const wanted = new Set()

function clean(node) {
  if (Array.isArray(node)) return node.map(clean)
  if (!node || typeof node !== 'object') return node
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (DROP.has(key) || key.startsWith('x-')) continue
    if (key === '$ref') {
      const name = value.replace('#/components/schemas/', '')
      wanted.add(name)
      out.$ref = `#/components/schemas/${name}`
      continue
    }
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) : clean(value)
  }
  return out
}

function responseSchema(response) {
  const resolved = response.$ref ? spec.components.responses[response.$ref.replace('#/components/responses/', '')] : response
  const schema = resolved?.content?.['application/json']?.schema
  return schema ? clean(schema) : null
}

const operations = {}
for (const op of OPERATIONS) {
  const [method, path] = op.split(' ')
  const operation = spec.paths[path]?.[method.toLowerCase()]
  if (!operation) throw new Error(`${op} is not in the spec`)
  operations[op] = {}
  for (const [status, response] of Object.entries(operation.responses)) {
    const schema = responseSchema(response)
    if (schema) operations[op][status] = schema
  }
}

const schemas = {}
const queue = [...wanted]
while (queue.length) {
  const name = queue.shift()
  if (schemas[name]) continue
  const before = new Set(wanted)
  schemas[name] = clean(spec.components.schemas[name])
  const amended = AMENDMENTS[kind][name]
  if (amended) schemas[name].properties = { ...schemas[name].properties, ...amended }
  for (const added of wanted) if (!before.has(added)) queue.push(added)
}

const out = {
  source: `Clerk ${API.title} OpenAPI ${spec.info.version} (github.com/clerk/openapi-specs), MIT License, Copyright (c) 2025 Clerk. Response schemas only, documentation stripped.`,
  version: spec.info.version,
  operations,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
}
const target = fileURLToPath(new URL(`../test/fixtures/${kind}-response-schemas.json`, import.meta.url))
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`)
console.log(`wrote ${Object.keys(operations).length} operations, ${Object.keys(schemas).length} schemas to ${target}`)
