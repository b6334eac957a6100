import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestEmulator, uniqueEmail, type RawResponse, type TestEmulator } from './helpers/emulator.ts'
import { TINY_PNG } from './helpers/fapi.ts'
import { schemaErrors, specVersion } from './helpers/schema.ts'

// Every organization operation of the Backend API, answered by the emulator, against the schema
// Clerk publishes for it.

let t: TestEmulator
let userId: string
let orgId: string
beforeAll(async () => {
  t = await startTestEmulator({ organizations: true })
  userId = (await t.bapi('POST', '/v1/users', { json: { email_address: [uniqueEmail('org-schema')], password: PASSWORD, first_name: 'Schema' } })).json.id
  orgId = (await t.bapi('POST', '/v1/organizations', { json: { name: 'Schema Org', created_by: userId } })).json.id
})
afterAll(() => t.stop())

function expectSchema(operation: string, res: RawResponse) {
  expect(res.headers.get('content-type')).toBe('application/json')
  expect(schemaErrors(operation, res.status, res.json), `${operation} ${res.status}: ${res.text.slice(0, 300)}`).toBeNull()
}

describe(`organization responses match Clerk's Backend API schema ${specVersion}`, () => {
  it('organizations: create, list, get, update, metadata, logo, delete', async () => {
    expectSchema('POST /organizations', await t.bapi('POST', '/v1/organizations', { json: { name: 'Another', slug: 'another', private_metadata: { a: 1 } } }))
    expectSchema('GET /organizations', await t.bapi('GET', '/v1/organizations?include_members_count=true'))
    expectSchema('GET /organizations/{organization_id}', await t.bapi('GET', `/v1/organizations/${orgId}?include_members_count=true`))
    expectSchema('PATCH /organizations/{organization_id}', await t.bapi('PATCH', `/v1/organizations/${orgId}`, { json: { name: 'Renamed' } }))
    expectSchema('PATCH /organizations/{organization_id}/metadata', await t.bapi('PATCH', `/v1/organizations/${orgId}/metadata`, { json: { public_metadata: { x: 1 } } }))
    expectSchema('PUT /organizations/{organization_id}/metadata', await t.bapi('PUT', `/v1/organizations/${orgId}/metadata`, { json: { private_metadata: { y: 2 } } }))
    const form = new FormData()
    form.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'logo.png')
    const logo = await fetch(`${t.apiUrl}/v1/organizations/${orgId}/logo`, { method: 'PUT', headers: { authorization: `Bearer ${t.secretKey}` }, body: form })
    const text = await logo.text()
    expectSchema('PUT /organizations/{organization_id}/logo', { status: logo.status, headers: logo.headers, text, json: JSON.parse(text) })
    expectSchema('DELETE /organizations/{organization_id}/logo', await t.bapi('DELETE', `/v1/organizations/${orgId}/logo`))
    const doomed = (await t.bapi('POST', '/v1/organizations', { json: { name: 'Doomed' } })).json.id
    expectSchema('DELETE /organizations/{organization_id}', await t.bapi('DELETE', `/v1/organizations/${doomed}`))
    expectSchema('GET /organizations/{organization_id}', await t.bapi('GET', `/v1/organizations/${doomed}`))
  })

  it('memberships: create, list, update, metadata, delete, instance and user lists', async () => {
    const member = (await t.bapi('POST', '/v1/users', { json: { email_address: [uniqueEmail('m')], password: PASSWORD } })).json.id
    expectSchema('POST /organizations/{organization_id}/memberships', await t.bapi('POST', `/v1/organizations/${orgId}/memberships`, { json: { user_id: member, role: 'org:member' } }))
    expectSchema('GET /organizations/{organization_id}/memberships', await t.bapi('GET', `/v1/organizations/${orgId}/memberships`))
    expectSchema('PATCH /organizations/{organization_id}/memberships/{user_id}', await t.bapi('PATCH', `/v1/organizations/${orgId}/memberships/${member}`, { json: { role: 'org:admin' } }))
    expectSchema('PATCH /organizations/{organization_id}/memberships/{user_id}/metadata', await t.bapi('PATCH', `/v1/organizations/${orgId}/memberships/${member}/metadata`, { json: { private_metadata: { z: 1 } } }))
    expectSchema('GET /organization_memberships', await t.bapi('GET', '/v1/organization_memberships'))
    expectSchema('GET /users/{user_id}/organization_memberships', await t.bapi('GET', `/v1/users/${member}/organization_memberships`))
    expectSchema('DELETE /organizations/{organization_id}/memberships/{user_id}', await t.bapi('DELETE', `/v1/organizations/${orgId}/memberships/${member}`))
    expectSchema('DELETE /organizations/{organization_id}/memberships/{user_id}', await t.bapi('DELETE', `/v1/organizations/${orgId}/memberships/${member}`))
  })

  it('invitations: create, bulk, list, pending, get, revoke, a user\'s', async () => {
    const email = uniqueEmail('inv')
    const created = await t.bapi('POST', `/v1/organizations/${orgId}/invitations`, { json: { email_address: email, role: 'org:member', inviter_user_id: userId } })
    expectSchema('POST /organizations/{organization_id}/invitations', created)
    expectSchema('POST /organizations/{organization_id}/invitations/bulk', await t.bapi('POST', `/v1/organizations/${orgId}/invitations/bulk`, { json: [{ email_address: uniqueEmail('b'), role: 'org:member' }] }))
    expectSchema('GET /organizations/{organization_id}/invitations', await t.bapi('GET', `/v1/organizations/${orgId}/invitations?status=pending`))
    expectSchema('GET /organizations/{organization_id}/invitations/pending', await t.bapi('GET', `/v1/organizations/${orgId}/invitations/pending`))
    expectSchema('GET /organizations/{organization_id}/invitations/{invitation_id}', await t.bapi('GET', `/v1/organizations/${orgId}/invitations/${created.json.id}`))
    const invitee = (await t.bapi('POST', '/v1/users', { json: { email_address: [email], password: PASSWORD } })).json.id
    expectSchema('GET /users/{user_id}/organization_invitations', await t.bapi('GET', `/v1/users/${invitee}/organization_invitations`))
    expectSchema('POST /organizations/{organization_id}/invitations/{invitation_id}/revoke', await t.bapi('POST', `/v1/organizations/${orgId}/invitations/${created.json.id}/revoke`, { json: {} }))
    expectSchema('POST /organizations/{organization_id}/invitations/bulk', await t.bapi('POST', `/v1/organizations/${orgId}/invitations/bulk`, { json: { email_address: 'not-a-list' } }))
  })

  it('roles, permissions and the organization settings', async () => {
    const roles = await t.bapi('GET', '/v1/organization_roles')
    expectSchema('GET /organization_roles', roles)
    expectSchema('GET /organization_roles/{organization_role_id}', await t.bapi('GET', `/v1/organization_roles/${roles.json.data[0].id}`))
    const permissions = await t.bapi('GET', '/v1/organization_permissions')
    expectSchema('GET /organization_permissions', permissions)
    expectSchema('GET /organization_permissions/{permission_id}', await t.bapi('GET', `/v1/organization_permissions/${permissions.json.data[0].id}`))
    const permission = await t.bapi('POST', '/v1/organization_permissions', { json: { name: 'Create posts', key: 'org:posts:create', description: 'Write posts' } })
    expectSchema('POST /organization_permissions', permission)
    const role = await t.bapi('POST', '/v1/organization_roles', { json: { name: 'Editor', key: 'org:editor', permissions: [permission.json.id] } })
    expectSchema('POST /organization_roles', role)
    expectSchema('PATCH /organization_roles/{organization_role_id}', await t.bapi('PATCH', `/v1/organization_roles/${role.json.id}`, { json: { description: 'Edits' } }))
    expectSchema('DELETE /organization_roles/{organization_role_id}/permissions/{permission_id}', await t.bapi('DELETE', `/v1/organization_roles/${role.json.id}/permissions/${permission.json.id}`))
    expectSchema('POST /organization_roles/{organization_role_id}/permissions/{permission_id}', await t.bapi('POST', `/v1/organization_roles/${role.json.id}/permissions/${permission.json.id}`))
    expectSchema('DELETE /organization_roles/{organization_role_id}', await t.bapi('DELETE', `/v1/organization_roles/${role.json.id}`))
    expectSchema('DELETE /organization_permissions/{permission_id}', await t.bapi('DELETE', `/v1/organization_permissions/${permission.json.id}`))
    expectSchema('GET /instance/organization_settings', await t.bapi('GET', '/v1/instance/organization_settings'))
    expectSchema('PATCH /instance/organization_settings', await t.bapi('PATCH', '/v1/instance/organization_settings', { json: { admin_delete_enabled: false } }))
  })
})
