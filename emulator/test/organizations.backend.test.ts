import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiError, PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { TINY_PNG } from './helpers/fapi.ts'

// Organizations through @clerk/backend's own `organizations`, `users` and `instance` resources.

let t: TestEmulator
beforeAll(async () => { t = await startTestEmulator({ organizations: true }) })
afterAll(() => t.stop())

async function newUser(prefix = 'member', extra: { firstName?: string } = {}) {
  return t.clerk.users.createUser({ emailAddress: [uniqueEmail(prefix)], password: PASSWORD, ...extra })
}

describe('organizations through @clerk/backend', () => {
  it('creates with the creator as org:admin, gets by id and by slug, updates and deletes', async () => {
    const creator = await newUser('creator')
    const org = await t.clerk.organizations.createOrganization({ name: 'Acme, Inc.', createdBy: creator.id, publicMetadata: { plan: 'pro' } })
    expect(org.id).toMatch(/^org_[0-9A-Za-z]{27}$/)
    expect(org).toMatchObject({ name: 'Acme, Inc.', slug: 'acme-inc', createdBy: creator.id, publicMetadata: { plan: 'pro' }, maxAllowedMemberships: 5, adminDeleteEnabled: true })

    expect((await t.clerk.organizations.getOrganization({ organizationId: org.id })).name).toBe('Acme, Inc.')
    const bySlug = await t.clerk.organizations.getOrganization({ slug: 'acme-inc', includeMembersCount: true })
    expect(bySlug).toMatchObject({ id: org.id, membersCount: 1 })

    const members = await t.clerk.organizations.getOrganizationMembershipList({ organizationId: org.id })
    expect(members.totalCount).toBe(1)
    expect(members.data[0]).toMatchObject({ role: 'org:admin', publicUserData: { userId: creator.id } })
    expect(members.data[0]!.permissions).toContain('org:sys_memberships:manage')

    const updated = await t.clerk.organizations.updateOrganization(org.id, { name: 'Acme Corp', slug: 'acme-corp', maxAllowedMemberships: 0 })
    expect(updated).toMatchObject({ name: 'Acme Corp', slug: 'acme-corp', maxAllowedMemberships: 0 })
    expect(await apiError(t.clerk.organizations.getOrganization({ slug: 'acme-inc' }))).toMatchObject({ status: 404, code: 'resource_not_found' })

    expect(await t.clerk.organizations.deleteOrganization(org.id)).toMatchObject({ id: org.id, deleted: true })
    expect(await apiError(t.clerk.organizations.getOrganization({ organizationId: org.id }))).toMatchObject({ status: 404 })
    expect((await t.clerk.users.getOrganizationMembershipList({ userId: creator.id })).totalCount).toBe(0)
  })

  it('refuses a taken or malformed slug and a missing name, changing nothing', async () => {
    await t.clerk.organizations.createOrganization({ name: 'Taken', slug: 'taken' })
    const before = Object.keys(t.emulator.store.data.organizations).length
    expect(await apiError(t.clerk.organizations.createOrganization({ name: 'Other', slug: 'taken' }))).toMatchObject({ status: 422, code: 'form_identifier_exists', param: 'slug' })
    expect(await apiError(t.clerk.organizations.createOrganization({ name: 'Other', slug: 'Not A Slug' }))).toMatchObject({ status: 422, code: 'form_param_format_invalid', param: 'slug' })
    expect(await apiError(t.clerk.organizations.createOrganization({ name: '  ' }))).toMatchObject({ status: 422, code: 'form_param_missing', param: 'name' })
    expect(Object.keys(t.emulator.store.data.organizations)).toHaveLength(before)
    // Derived from the name, a taken slug gets a suffix instead.
    expect((await t.clerk.organizations.createOrganization({ name: 'Taken' })).slug).toMatch(/^taken-[a-z0-9]{6}$/)
  })

  it('lists with query, ordering, counts and pagination', async () => {
    const owner = await newUser('lister')
    const names = ['Zeta Lists', 'Alpha Lists', 'Mid Lists']
    for (const name of names) await t.clerk.organizations.createOrganization({ name, createdBy: owner.id })
    const byName = await t.clerk.organizations.getOrganizationList({ query: 'lists', orderBy: '+name', includeMembersCount: true })
    expect(byName.totalCount).toBe(3)
    expect(byName.data.map(o => o.name)).toEqual(['Alpha Lists', 'Mid Lists', 'Zeta Lists'])
    expect(byName.data.every(o => o.membersCount === 1)).toBe(true)
    const newest = await t.clerk.organizations.getOrganizationList({ query: 'lists', limit: 1 })
    expect(newest).toMatchObject({ totalCount: 3, data: [{ name: 'Mid Lists' }] })
    const second = await t.clerk.organizations.getOrganizationList({ query: 'lists', limit: 1, offset: 1, orderBy: '-name' })
    expect(second.data.map(o => o.name)).toEqual(['Mid Lists'])
    expect(await apiError(t.clerk.organizations.getOrganizationList({ orderBy: '+nope' as never }))).toMatchObject({ status: 422, param: 'order_by' })
  })

  it('merges and replaces metadata, deep and by kind', async () => {
    const org = await t.clerk.organizations.createOrganization({ name: 'Meta', publicMetadata: { a: { b: 1, c: 2 }, keep: true }, privateMetadata: { secret: 1 } })
    const merged = await t.clerk.organizations.updateOrganizationMetadata(org.id, { publicMetadata: { a: { b: null, d: 3 } } })
    expect(merged.publicMetadata).toEqual({ a: { c: 2, d: 3 }, keep: true })
    expect(merged.privateMetadata).toEqual({ secret: 1 })
    const replaced = await t.clerk.organizations.replaceOrganizationMetadata(org.id, { privateMetadata: { other: 2 } })
    expect(replaced.privateMetadata).toEqual({ other: 2 })
    expect(replaced.publicMetadata).toEqual({ a: { c: 2, d: 3 }, keep: true })
    expect(await apiError(t.clerk.organizations.updateOrganizationMetadata(org.id, { publicMetadata: { big: 'x'.repeat(9000) } }))).toMatchObject({ status: 422, param: 'public_metadata' })
  })

  it('sets and removes the logo', async () => {
    const org = await t.clerk.organizations.createOrganization({ name: 'Logo' })
    expect(org.hasImage).toBe(false)
    const withLogo = await t.clerk.organizations.updateOrganizationLogo(org.id, { file: new Blob([TINY_PNG], { type: 'image/png' }) })
    expect(withLogo.hasImage).toBe(true)
    const image = await fetch(withLogo.imageUrl!)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(await apiError(t.clerk.organizations.updateOrganizationLogo(org.id, { file: new Blob(['not an image']) }))).toMatchObject({ status: 422, code: 'avatar_file_type_invalid' })
    expect((await t.clerk.organizations.deleteOrganizationLogo(org.id)).hasImage).toBe(false)
  })

  it('adds members, changes roles, keeps one admin, merges membership metadata, removes', async () => {
    const admin = await newUser('admin')
    const member = await newUser('member', { firstName: 'Grace' })
    const org = await t.clerk.organizations.createOrganization({ name: 'Team', createdBy: admin.id })
    const added = await t.clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: member.id, role: 'org:member' })
    expect(added).toMatchObject({ role: 'org:member', permissions: ['org:sys_memberships:read'], organization: { id: org.id } })
    expect(await apiError(t.clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: member.id, role: 'org:member' }))).toMatchObject({ status: 422, code: 'already_a_member_in_organization' })
    expect(await apiError(t.clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: admin.id, role: 'org:owner' as never }))).toMatchObject({ status: 422, param: 'role' })

    const filtered = await t.clerk.organizations.getOrganizationMembershipList({ organizationId: org.id, role: ['org:member'] })
    expect(filtered.data.map(m => m.publicUserData?.userId)).toEqual([member.id])
    expect((await t.clerk.organizations.getOrganizationMembershipList({ organizationId: org.id, query: 'grace' })).totalCount).toBe(1)

    expect(await apiError(t.clerk.organizations.updateOrganizationMembership({ organizationId: org.id, userId: admin.id, role: 'org:member' }))).toMatchObject({ status: 422, code: 'organization_minimum_permissions_needed' })
    const promoted = await t.clerk.organizations.updateOrganizationMembership({ organizationId: org.id, userId: member.id, role: 'org:admin' })
    expect(promoted.role).toBe('org:admin')

    const meta = await t.clerk.organizations.updateOrganizationMembershipMetadata({ organizationId: org.id, userId: member.id, publicMetadata: { team: { lead: true } } })
    expect(meta.publicMetadata).toEqual({ team: { lead: true } })

    const mine = await t.clerk.users.getOrganizationMembershipList({ userId: member.id })
    expect(mine.data.map(m => m.organization.id)).toEqual([org.id])
    const instanceWide = await t.clerk.organizations.getInstanceOrganizationMembershipList({ limit: 500 })
    expect(instanceWide.data.some(m => m.id === added.id)).toBe(true)

    expect((await t.clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: member.id })).id).toBe(added.id)
    expect((await t.clerk.users.getOrganizationMembershipList({ userId: member.id })).totalCount).toBe(0)
  })

  it('holds the membership limit, invitations included', async () => {
    const admin = await newUser('limited')
    const org = await t.clerk.organizations.createOrganization({ name: 'Small', createdBy: admin.id, maxAllowedMemberships: 2 })
    await t.clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: uniqueEmail('seat'), role: 'org:member' })
    const late = await newUser('late')
    expect(await apiError(t.clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: late.id, role: 'org:member' }))).toMatchObject({ status: 403, code: 'organization_membership_quota_exceeded' })
    expect(await apiError(t.clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: uniqueEmail('over'), role: 'org:member' }))).toMatchObject({ status: 403, code: 'organization_membership_quota_exceeded' })
  })

  it('creates, lists, gets and revokes invitations, one at a time and in bulk', async () => {
    const admin = await newUser('inviter')
    const org = await t.clerk.organizations.createOrganization({ name: 'Invites', createdBy: admin.id })
    const email = uniqueEmail('invitee')
    const one = await t.clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: email, role: 'org:member', inviterUserId: admin.id, publicMetadata: { via: 'api' } })
    expect(one).toMatchObject({ emailAddress: email, role: 'org:member', status: 'pending', organizationId: org.id, publicMetadata: { via: 'api' } })
    expect(one.expiresAt - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000)

    const bulk = await t.clerk.organizations.createOrganizationInvitationBulk(org.id, [
      { emailAddress: uniqueEmail('bulk'), role: 'org:member' },
      { emailAddress: uniqueEmail('bulk'), role: 'org:admin', expiresInDays: 2 },
    ])
    expect(bulk.totalCount).toBe(2)
    expect(await apiError(t.clerk.organizations.createOrganizationInvitationBulk(org.id, [
      { emailAddress: uniqueEmail('fine'), role: 'org:member' },
      { emailAddress: 'not-an-email', role: 'org:member' },
    ]))).toMatchObject({ status: 422, param: 'email_address' })
    expect((await t.clerk.organizations.getOrganizationInvitationList({ organizationId: org.id })).totalCount).toBe(3)
    expect(await apiError(t.clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: admin.emailAddresses[0]!.emailAddress, role: 'org:member' }))).toMatchObject({ status: 422, code: 'already_a_member_in_organization' })

    expect((await t.clerk.organizations.getOrganizationInvitation({ organizationId: org.id, invitationId: one.id })).id).toBe(one.id)
    const revoked = await t.clerk.organizations.revokeOrganizationInvitation({ organizationId: org.id, invitationId: one.id, requestingUserId: admin.id })
    expect(revoked.status).toBe('revoked')
    const pending = await t.clerk.organizations.getOrganizationInvitationList({ organizationId: org.id, status: ['pending'] })
    expect(pending.data.map(i => i.id).sort()).toEqual(bulk.data.map(i => i.id).sort())
    expect(await apiError(t.clerk.organizations.revokeOrganizationInvitation({ organizationId: org.id, invitationId: one.id }))).toMatchObject({ status: 400 })

    const invitee = await t.clerk.users.createUser({ emailAddress: [bulk.data[0]!.emailAddress], password: PASSWORD })
    const theirs = await t.clerk.users.getOrganizationInvitationList({ userId: invitee.id })
    expect(theirs.data.map(i => i.id)).toEqual([bulk.data[0]!.id])
    expect(theirs.data[0]!.publicOrganizationData).toMatchObject({ id: org.id, name: 'Invites' })
  })

  it('reads the default roles with Clerk\'s system permissions', async () => {
    const roles = await t.clerk.organizationRoles.getOrganizationRoleList()
    expect(roles.data.map(r => r.key)).toEqual(['org:admin', 'org:member'])
    const admin = await t.clerk.organizationRoles.getOrganizationRole(roles.data[0]!.id)
    expect(admin.permissions.map(p => p.key)).toEqual(expect.arrayContaining(['org:sys_profile:manage', 'org:sys_memberships:manage', 'org:sys_memberships:read']))
    expect(roles.data[1]!.permissions.map(p => p.key)).toEqual(['org:sys_memberships:read'])
  })

  it('creates custom roles and permissions, refuses reserved or taken keys, and keeps a role in use', async () => {
    expect(await apiError(t.clerk.organizationPermissions.createOrganizationPermission({ name: 'x', key: 'org:sys_profile:hack', description: '' }))).toMatchObject({ status: 422, param: 'key' })
    const permission = await t.clerk.organizationPermissions.createOrganizationPermission({ name: 'Publish', key: 'org:articles:publish', description: 'Publish articles' })
    expect(await apiError(t.clerk.organizationPermissions.createOrganizationPermission({ name: 'Again', key: 'org:articles:publish', description: '' }))).toMatchObject({ status: 422 })
    const role = await t.clerk.organizationRoles.createOrganizationRole({ name: 'Publisher', key: 'org:publisher', description: '', permissions: [permission.id] })
    expect(role.permissions.map(p => p.key)).toEqual(['org:articles:publish'])
    const admin = await newUser('pub-admin')
    const writer = await newUser('writer')
    const org = await t.clerk.organizations.createOrganization({ name: 'Press', createdBy: admin.id })
    const membership = await t.clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: writer.id, role: 'org:publisher' })
    expect(membership.permissions).toEqual(['org:articles:publish'])
    expect(await apiError(t.clerk.organizationRoles.deleteOrganizationRole(role.id))).toMatchObject({ status: 422, code: 'organization_role_in_use' })
    expect(await apiError(t.clerk.organizationRoles.updateOrganizationRole({ organizationRoleId: 'role_org_admin', name: 'Boss' }))).toMatchObject({ status: 404 })
    await t.clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: writer.id })
    expect((await t.clerk.organizationRoles.deleteOrganizationRole(role.id)).deleted).toBe(true)
  })
})

describe('the organization settings', () => {
  it('turn organizations on and off through PATCH /v1/instance/organization_settings', async () => {
    const off = await startTestEmulator()
    try {
      expect(await apiError(off.clerk.organizations.createOrganization({ name: 'Nope' }))).toMatchObject({ status: 403, code: 'organization_not_enabled_in_instance' })
      expect(off.emulator.store.data.organizations).toEqual({})
      const settings = await off.clerk.instance.updateOrganizationSettings({ enabled: true, maxAllowedMemberships: 10 })
      expect(settings).toMatchObject({ enabled: true, maxAllowedMemberships: 10 })
      expect((await off.clerk.organizations.createOrganization({ name: 'Now' })).maxAllowedMemberships).toBe(10)
      expect((await off.clerk.instance.getOrganizationSettings()).enabled).toBe(true)
    }
    finally {
      await off.stop()
    }
  })
})
