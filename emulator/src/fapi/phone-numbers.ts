import { optionalString } from '../http.ts'
import { recordSms } from '../emails.ts'
import { parsePhoneNumber, phoneNumbersOf } from '../phone-numbers.ts'
import type { PhoneNumberRecord } from '../store.ts'
import { isPhoneNumberTaken } from '../users.ts'
import { touchClient } from '../clients.ts'
import { checkPendingCode, startPendingCode } from './attempts.ts'
import { fapiErrors } from './errors.ts'
import { phoneNumberJson, withClient } from './json.ts'
import { me, type Me } from './me.ts'
import type { FapiRequest } from './request.ts'
import type { FapiRoute } from './route.ts'

// <UserProfile/>'s phone section: add a number, verify it with an SMS code (the outbox), make it
// primary (PATCH /v1/me), remove it. An added number stays unverified until its code is entered.

function ownNumber(req: FapiRequest, current: Me): PhoneNumberRecord {
  const phone = phoneNumbersOf(current.user).find(p => p.id === req.params.id)
  if (!phone) throw fapiErrors.notFound('phone number')
  return phone
}

async function respond(req: FapiRequest, current: Me, body: unknown) {
  touchClient(current.client)
  return withClient(req.ctx, current.client, req.origin, body)
}

const numberJson = (req: FapiRequest, phone: PhoneNumberRecord) => phoneNumberJson(phone, req.store.data.emailCodes[phone.id])

export const phoneNumberRoutes: FapiRoute[] = [
  // A bare array, as GET /v1/me/email_addresses.
  { method: 'GET', path: '/v1/me/phone_numbers', handler: (req) => {
    const current = me(req)
    return phoneNumbersOf(current.user).map(p => numberJson(req, p))
  } },
  { method: 'POST', path: '/v1/me/phone_numbers', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    if (!req.ctx.config.phoneNumber.enabled) throw fapiErrors.paramUnknown('phone_number')
    const given = optionalString(body, 'phone_number')
    if (!given) throw fapiErrors.paramMissing('phone_number')
    const number = parsePhoneNumber(given)
    if (isPhoneNumberTaken(req.store, number)) throw fapiErrors.identifierExists('phone_number')
    const now = Date.now()
    const phone: PhoneNumberRecord = { id: req.store.newId('idn'), phone_number: number, verified: false, created_at: now, updated_at: now }
    current.user.phone_numbers = [...phoneNumbersOf(current.user), phone]
    current.user.updated_at = now
    return respond(req, current, numberJson(req, phone))
  } },

  { method: 'GET', path: '/v1/me/phone_numbers/:id', handler: (req) => {
    const current = me(req)
    return respond(req, current, numberJson(req, ownNumber(req, current)))
  } },
  { method: 'DELETE', path: '/v1/me/phone_numbers/:id', handler: (req) => {
    const current = me(req)
    const phone = ownNumber(req, current)
    current.user.phone_numbers = phoneNumbersOf(current.user).filter(p => p.id !== phone.id)
    // Clerk lets the primary number go too: the user then has none, or the next verified one.
    if (current.user.primary_phone_number_id === phone.id) current.user.primary_phone_number_id = current.user.phone_numbers.find(p => p.verified)?.id ?? null
    current.user.updated_at = Date.now()
    delete req.store.data.emailCodes[phone.id]
    return respond(req, current, { object: 'phone_number', id: phone.id, deleted: true })
  } },

  { method: 'POST', path: '/v1/me/phone_numbers/:id/prepare_verification', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const phone = ownNumber(req, current)
    if (optionalString(body, 'strategy') !== 'phone_code') throw fapiErrors.paramInvalid('strategy', 'Only the phone_code strategy is supported.')
    if (phone.verified) return respond(req, current, numberJson(req, phone))
    recordSms(req.ctx, phone.phone_number, startPendingCode(req.store, phone.id, current.user.id, phone.phone_number))
    return respond(req, current, numberJson(req, phone))
  } },

  { method: 'POST', path: '/v1/me/phone_numbers/:id/attempt_verification', handler: async (req) => {
    const body = await req.body()
    const current = me(req)
    const phone = ownNumber(req, current)
    if (phone.verified) return respond(req, current, numberJson(req, phone))
    await checkPendingCode(req.store, phone.id, optionalString(body, 'code'))
    phone.verified = true
    phone.updated_at = Date.now()
    current.user.updated_at = phone.updated_at
    // The first verified number becomes the primary one, as the first verified address does on Clerk.
    current.user.primary_phone_number_id ??= phone.id
    return respond(req, current, numberJson(req, phone))
  } },
]
