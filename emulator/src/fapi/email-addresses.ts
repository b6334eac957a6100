import { optionalString } from '../http.ts'
import type { EmailAddressRecord } from '../store.ts'
import { findUserByEmail } from '../users.ts'
import { fapiErrors } from './errors.ts'
import { me, type Me } from './me.ts'
import { recordEmail } from '../emails.ts'
import { emailParam } from './params.ts'
import { checkPendingCode, startPendingCode } from './attempts.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'
import { emailAddressJson, withClient } from './json.ts'
import { touchClient } from '../clients.ts'

// <UserProfile/>'s email section: add an address, verify it with an emailed code, make it primary
// (PATCH /v1/me), remove it. An added address stays unverified until its code is entered.

function ownAddress(req: FapiRequest, current: Me): EmailAddressRecord {
  const email = current.user.email_addresses.find(e => e.id === req.params.id)
  if (!email) throw fapiErrors.notFound('email address')
  return email
}

async function respond(req: FapiRequest, current: Me, body: unknown) {
  touchClient(current.client)
  return withClient(req.ctx, current.client, req.origin, body)
}

function addressJson(req: FapiRequest, email: EmailAddressRecord) {
  return emailAddressJson(email, req.store.data.emailCodes[email.id])
}

export const emailAddressRoutes: FapiRoute[] = [
  { method: 'GET', path: '/v1/me/email_addresses', handler: (req) => {
    const current = me(req)
    return current.user.email_addresses.map(e => addressJson(req, e))
  } },
  { method: 'POST', path: '/v1/me/email_addresses', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const address = emailParam(body)
    if (!address) throw fapiErrors.paramMissing('email_address')
    if (findUserByEmail(req.store, address)) throw fapiErrors.identifierExists()
    const now = Date.now()
    const email: EmailAddressRecord = { id: req.store.newId('idn'), email_address: address, verified: false, created_at: now, updated_at: now }
    current.user.email_addresses.push(email)
    current.user.updated_at = now
    return respond(req, current, addressJson(req, email))
  } },

  { method: 'GET', path: '/v1/me/email_addresses/:id', handler: (req) => {
    const current = me(req)
    return respond(req, current, addressJson(req, ownAddress(req, current)))
  } },
  { method: 'DELETE', path: '/v1/me/email_addresses/:id', handler: (req) => {
    const current = me(req)
    const email = ownAddress(req, current)
    if (email.id === current.user.primary_email_address_id) {
      throw fapiErrors.paramInvalid('email_address_id', 'The primary email address cannot be deleted; make another one primary first.')
    }
    current.user.email_addresses = current.user.email_addresses.filter(e => e.id !== email.id)
    current.user.updated_at = Date.now()
    delete req.store.data.emailCodes[email.id]
    return respond(req, current, { object: 'email_address', id: email.id, deleted: true })
  } },

  { method: 'POST', path: '/v1/me/email_addresses/:id/prepare_verification', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const email = ownAddress(req, current)
    const strategy = optionalString(body, 'strategy')
    if (strategy !== 'email_code') throw fapiErrors.paramInvalid('strategy', 'Only the email_code strategy is supported.')
    if (email.verified) return respond(req, current, addressJson(req, email))
    recordEmail(req.ctx, email.email_address, 'verify_email', startPendingCode(req.store, email.id, current.user.id, email.email_address), current.user.locale)
    return respond(req, current, addressJson(req, email))
  } },

  { method: 'POST', path: '/v1/me/email_addresses/:id/attempt_verification', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const email = ownAddress(req, current)
    if (email.verified) return respond(req, current, addressJson(req, email))
    await checkPendingCode(req.store, email.id, optionalString(body, 'code'))
    email.verified = true
    email.updated_at = Date.now()
    current.user.updated_at = email.updated_at
    return respond(req, current, addressJson(req, email))
  } },
]
