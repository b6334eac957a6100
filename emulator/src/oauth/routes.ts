import { readFileSync } from 'node:fs'
import { eventHandler, getQuery, getRequestHeader, getRouterParam, sendRedirect, setResponseHeader, setResponseStatus, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { normalizeEmailAddress } from '../email-addresses.ts'
import { ClerkHttpError, readClerkBody } from '../http.ts'
import { createOAuthAccount, denyAuthorization, grantAuthorization, oauthAccountsOf, pendingAuthorization } from '../oauth-authorizations.ts'
import { oauthProvider } from '../oauth-providers.ts'
import type { OAuthAuthorizationRecord } from '../store.ts'
import { oauthCallbackUrl } from '../urls.ts'
import { providerErrorPage, providerPage } from './page.ts'

// The stand-in social providers, mounted at /oauth by app.ts: GET /oauth/<provider>/authorize shows
// the provider page for a pending `state`; POST picks an account (or makes one, or declines) and
// sends the browser to the Frontend API's /v1/oauth_callback with a one-time code. A state that is
// unknown, used, expired or of another provider gets an error page and nothing changes.

const STYLESHEET = readFileSync(new URL('./provider.css', import.meta.url))
const NAME_MAX = 256

/** The page may only post to itself; the redirects that follow go to the Frontend API, then the app. */
function providerCsp(ctx: EmulatorContext): string {
  const app = ctx.config.allowedOrigins.length > 0
    ? ctx.config.allowedOrigins
    : ['http://localhost:*', 'http://127.0.0.1:*', 'http://*.localhost:*', 'https://localhost:*', 'https://*.localhost:*']
  return [
    'default-src \'none\'',
    'style-src \'self\'',
    'img-src \'self\' data:',
    'frame-ancestors \'none\'',
    'base-uri \'none\'',
    `form-action 'self' ${new URL(oauthCallbackUrl(ctx)).origin} ${app.join(' ')}`,
  ].join('; ')
}

function sendPage(ctx: EmulatorContext, event: H3Event, status: number, html: string): string {
  setResponseStatus(event, status)
  setResponseHeader(event, 'content-type', 'text/html; charset=utf-8')
  setResponseHeader(event, 'cache-control', 'no-store')
  setResponseHeader(event, 'content-security-policy', providerCsp(ctx))
  setResponseHeader(event, 'x-frame-options', 'DENY')
  setResponseHeader(event, 'x-content-type-options', 'nosniff')
  setResponseHeader(event, 'referrer-policy', 'no-referrer')
  return html
}

const STALE = 'This sign-in link is not valid: it was already used, has expired, or was never issued.'

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

async function answer(ctx: EmulatorContext, event: H3Event, strategy: string, providerName: string): Promise<unknown> {
  let body: Record<string, unknown>
  try { body = await readClerkBody(event) }
  catch (error) {
    if (error instanceof ClerkHttpError) return sendPage(ctx, event, error.status, providerErrorPage(providerName, 'The form could not be read.'))
    throw error
  }
  const state = text(body.state)
  const record = pendingAuthorization(ctx.store, strategy, state)
  if (!record) return sendPage(ctx, event, 400, providerErrorPage(providerName, STALE))
  const back = new URL(oauthCallbackUrl(ctx))
  if (body.deny !== undefined) {
    denyAuthorization(record)
    back.search = new URLSearchParams({ error: 'access_denied', state }).toString()
  }
  else {
    const account = body.account !== undefined ? pickAccount(ctx, strategy, text(body.account)) : newAccount(ctx, strategy, body)
    if (typeof account === 'string') return sendPage(ctx, event, 422, providerPage({ ...view(ctx, strategy, providerName, state), problem: { message: account, email: text(body.email), firstName: text(body.first_name), lastName: text(body.last_name) } }))
    back.search = new URLSearchParams({ code: grantAuthorization(record, account), state }).toString()
  }
  await ctx.store.commit()
  ctx.log(`oauth: ${strategy} ${record.denied ? 'declined' : 'authorized'} for ${record.flow} ${record.target_id}`)
  return sendRedirect(event, back.href, 303)
}

function pickAccount(ctx: EmulatorContext, strategy: string, id: string) {
  const account = Object.hasOwn(ctx.store.data.oauthAccounts, id) ? ctx.store.data.oauthAccounts[id] : undefined
  return account && account.provider === strategy ? account : 'That account is not one this provider has.'
}

function newAccount(ctx: EmulatorContext, strategy: string, body: Record<string, unknown>) {
  const email = normalizeEmailAddress(text(body.email))
  if (!email) return 'Enter an email address, like ada@example.com.'
  const firstName = text(body.first_name)
  const lastName = text(body.last_name)
  if (firstName.length > NAME_MAX || lastName.length > NAME_MAX) return `Names may have at most ${NAME_MAX} characters.`
  return createOAuthAccount(ctx.store, strategy, { email, firstName, lastName })
}

function view(ctx: EmulatorContext, strategy: string, providerName: string, state: string) {
  return { provider: strategy.slice('oauth_'.length), providerName, applicationName: ctx.config.applicationName, state, accounts: oauthAccountsOf(ctx.store, strategy) }
}

/**
 * The page posts to itself; a form on any other site is refused before anything is read. Browsers
 * say so in Sec-Fetch-Site (the page's no-referrer policy makes their Origin `null`); other clients
 * by their Origin, if any.
 */
function fromOwnPage(ctx: EmulatorContext, event: H3Event): boolean {
  const site = getRequestHeader(event, 'sec-fetch-site')
  if (site) return site === 'same-origin'
  const origin = getRequestHeader(event, 'origin')
  return !origin || origin === new URL(ctx.baseUrl).origin
}

export function registerOAuthProviderRoutes(router: Router, ctx: EmulatorContext): void {
  router.use('/provider.css', eventHandler((event) => {
    setResponseHeader(event, 'content-type', 'text/css; charset=utf-8')
    setResponseHeader(event, 'cache-control', 'no-store')
    return STYLESHEET
  }))
  router.use('/:provider/authorize', eventHandler(async (event) => {
    const provider = oauthProvider(getRouterParam(event, 'provider') ?? '')
    const providerName = provider?.name ?? 'a provider'
    // Only the configured connections exist, and only under their bare name (`/oauth/google/…`).
    if (!provider || `oauth_${getRouterParam(event, 'provider')}` !== provider.strategy || !ctx.config.socialConnections.includes(provider.strategy)) {
      return sendPage(ctx, event, 404, providerErrorPage(providerName, 'This instance has no such social connection.'))
    }
    if (event.method === 'POST') {
      if (!fromOwnPage(ctx, event)) return sendPage(ctx, event, 403, providerErrorPage(provider.name, 'This form can only be sent from the provider page.'))
      return answer(ctx, event, provider.strategy, provider.name)
    }
    if (event.method !== 'GET' && event.method !== 'HEAD') {
      setResponseHeader(event, 'allow', 'GET, HEAD, POST')
      return sendPage(ctx, event, 405, providerErrorPage(provider.name, 'Open this page with GET, or send its form.'))
    }
    const query = getQuery(event)
    const state = text(query.state)
    const record: OAuthAuthorizationRecord | undefined = pendingAuthorization(ctx.store, provider.strategy, state)
    // A provider sends the browser back only to the redirect URI registered for the client: the emulator's callback.
    if (!record || text(query.redirect_uri) !== oauthCallbackUrl(ctx)) return sendPage(ctx, event, 400, providerErrorPage(provider.name, STALE))
    return sendPage(ctx, event, 200, providerPage(view(ctx, provider.strategy, provider.name, state)))
  }))
}
