import { fapiRequest, type FapiResponse } from './fapi.ts'

// Walks the emulator's provider page the way a browser does, without one: open the page a
// verification's `external_verification_redirect_url` names, send one of its forms, and follow the
// provider's redirect to /v1/oauth_callback.

export type ProviderChoice = { email: string, firstName?: string, lastName?: string } | { account: string } | { deny: true }

/** The provider page for a verification URL (a 200 when the state is still pending). */
export function openProviderPage(url: string): Promise<FapiResponse> {
  return fapiRequest(url, { method: 'GET' })
}

/** Sends the page's form for `state`: a new account, a listed one, or Cancel. The answer is the provider's redirect. */
export function answerProviderPage(url: string, state: string, choice: ProviderChoice): Promise<FapiResponse> {
  const form: Record<string, string> = { state }
  if ('deny' in choice) form.deny = '1'
  else if ('account' in choice) form.account = choice.account
  else Object.assign(form, { email: choice.email, first_name: choice.firstName ?? '', last_name: choice.lastName ?? '' })
  const target = new URL(url)
  target.search = ''
  return fapiRequest(target.href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'origin': target.origin }, body: new URLSearchParams(form).toString() })
}

export interface ProviderTrip {
  /** The provider's redirect to the callback (`?code=&state=` or `?error=access_denied&state=`). */
  callbackUrl: string
  /** The callback's answer: a 303 on to the app. */
  callback: FapiResponse
}

/** Opens the page, answers it, and follows the redirect to the Frontend API's callback once. */
export async function providerTrip(url: string, choice: ProviderChoice): Promise<ProviderTrip> {
  const page = await openProviderPage(url)
  if (page.status !== 200) throw new Error(`provider page: ${page.status} ${page.text.slice(0, 200)}`)
  const state = new URL(url).searchParams.get('state')!
  const answer = await answerProviderPage(url, state, choice)
  if (answer.status !== 303) throw new Error(`provider form: ${answer.status} ${answer.text.slice(0, 200)}`)
  const callbackUrl = answer.headers.get('location')!
  return { callbackUrl, callback: await fapiRequest(callbackUrl, { method: 'GET' }) }
}
