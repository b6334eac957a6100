export const VALID_BODY = { applicationName: '내 앱', applicationType: 'SaaS' }

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

/** What a same-origin browser sends: the session cookie, `__client_uat` and the dev-browser cookie. */
export function browserCookies(token: string, appUrl: string): Record<string, string> {
  const uat = Math.floor(Date.now() / 1000) - 5
  return {
    'cookie': `__session=${token}; __client_uat=${uat}; __clerk_db_jwt=dvb_test`,
    'origin': appUrl,
    'sec-fetch-site': 'same-origin',
  }
}

export function postOnboarding(appUrl: string, body: string | Uint8Array<ArrayBuffer> | object, headers: Record<string, string> = {}, path = '/api/complete-onboarding'): Promise<Response> {
  return fetch(`${appUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    redirect: 'manual',
  })
}

export function getStatus(appUrl: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${appUrl}/api/onboarding-status`, { headers, redirect: 'manual' })
}

/** A browser's page request with this session token: `200`, or `302 <location>` (redirects not followed). */
export async function pageAnswer(appUrl: string, path: string, token: string): Promise<string> {
  const res = await fetch(`${appUrl}${path}`, { headers: { ...browserCookies(token, appUrl), accept: 'text/html' }, redirect: 'manual' })
  return res.status === 302 ? `302 ${res.headers.get('location')}` : String(res.status)
}
