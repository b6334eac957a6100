import { verifyWebhook } from '@clerk/backend/webhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestEmulator, uniqueEmail, type TestEmulator } from './helpers/emulator.ts'
import { fapiClient } from './helpers/fapi.ts'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts'

// Organization, membership and invitation events, Svix-signed like every other, checked by
// Clerk's own verifier.

let t: TestEmulator
let receiver: WebhookReceiver
let secret: string
beforeAll(async () => {
  receiver = await startWebhookReceiver()
  t = await startTestEmulator({ organizations: true, webhookUrls: [receiver.url], webhookRetryDelaysMs: [20] })
  secret = t.emulator.env.CLERK_WEBHOOK_SIGNING_SECRET!
})
afterAll(async () => {
  await t.stop()
  await receiver.stop()
})

async function event(type: string, id: string) {
  return verifyWebhook(receiver.asRequest(await receiver.waitForId(type, id)), { signingSecret: secret })
}

describe('organization webhooks', () => {
  it('follow an organization from creation through members and invitations to deletion', async () => {
    const admin = await t.clerk.users.createUser({ emailAddress: [uniqueEmail('hook-admin')], password: PASSWORD })
    const org = await t.clerk.organizations.createOrganization({ name: 'Hooked', createdBy: admin.id })
    expect(await event('organization.created', org.id)).toMatchObject({ type: 'organization.created', data: { id: org.id, name: 'Hooked', object: 'organization' } })
    const [adminMembership] = (await t.clerk.organizations.getOrganizationMembershipList({ organizationId: org.id })).data
    expect(await event('organizationMembership.created', adminMembership!.id)).toMatchObject({ data: { role: 'org:admin', organization: { id: org.id }, public_user_data: { user_id: admin.id } } })

    await t.clerk.organizations.updateOrganization(org.id, { name: 'Hooked Inc' })
    expect((await event('organization.updated', org.id)).data).toMatchObject({ name: 'Hooked Inc' })

    // An invitation accepted through the Frontend API carries the accepting user's id.
    const email = `hook-invitee-${Date.now()}@example.com`
    const invitation = await t.clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: email, role: 'org:member' })
    expect((await event('organizationInvitation.created', invitation.id)).data).toMatchObject({ email_address: email, status: 'pending' })
    const browser = await fapiClient(t.emulator)
    const signedUp = await browser.signUp({ email_address: email, password: PASSWORD })
    const invitee = signedUp.json.response.created_user_id
    const accepted = await browser.call('POST', `/v1/me/organization_invitations/${invitation.id}/accept`, { query: { _clerk_session_id: signedUp.json.response.created_session_id } })
    expect(accepted.status).toBe(200)
    expect((await event('organizationInvitation.accepted', invitation.id)).data).toMatchObject({ status: 'accepted', user_id: invitee })
    const membership = (await t.clerk.users.getOrganizationMembershipList({ userId: invitee })).data[0]!
    await t.clerk.organizations.updateOrganizationMembership({ organizationId: org.id, userId: invitee, role: 'org:admin' })
    expect((await event('organizationMembership.updated', membership.id)).data).toMatchObject({ role: 'org:admin' })

    const revoked = await t.clerk.organizations.createOrganizationInvitation({ organizationId: org.id, emailAddress: uniqueEmail('never'), role: 'org:member' })
    await t.clerk.organizations.revokeOrganizationInvitation({ organizationId: org.id, invitationId: revoked.id })
    expect((await event('organizationInvitation.revoked', revoked.id)).data).toMatchObject({ status: 'revoked' })

    // Deleting the organization removes its members, each with its own event.
    await t.clerk.organizations.deleteOrganization(org.id)
    expect(await event('organization.deleted', org.id)).toMatchObject({ data: { id: org.id, object: 'organization', deleted: true } })
    expect((await event('organizationMembership.deleted', membership.id)).data).toMatchObject({ id: membership.id, organization: { id: org.id } })
  })
})
