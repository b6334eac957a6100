import { getRequestHeader, getRequestIP, getRouterParams, parseCookies, type H3Event } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { decodeParam } from '../ids.ts'
import { readClerkBody } from '../http.ts'
import type { ClientRecord, DevBrowserRecord } from '../store.ts'
import { createClient, type SessionOrigin } from '../clients.ts'
import { findDevBrowser } from '../dev-browsers.ts'
import { clientIdFromCookie } from './cookies.ts'
import { fapiErrors } from './errors.ts'

export type FapiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One Frontend API call, with the dev browser and client it belongs to resolved on demand. */
export class FapiRequest {
  readonly event: H3Event
  readonly ctx: EmulatorContext
  readonly method: FapiMethod
  readonly query: URLSearchParams
  /** The browser's Origin; becomes the `azp` claim of tokens minted for it. */
  readonly origin: string | null
  readonly params: Record<string, string>
  #body: Promise<Record<string, unknown>> | null = null
  #client: ClientRecord | null = null

  constructor(event: H3Event, ctx: EmulatorContext, method: FapiMethod, origin: string | null) {
    this.event = event
    this.ctx = ctx
    this.method = method
    this.origin = origin
    this.query = new URL(event.path, 'http://emulator.invalid').searchParams
    this.params = Object.fromEntries(Object.entries(getRouterParams(event)).map(([k, v]) => [k, decodeParam(v)]))
  }

  get store() {
    return this.ctx.store
  }

  body(): Promise<Record<string, unknown>> {
    this.#body ??= readClerkBody(this.event)
    return this.#body
  }

  /** `__clerk_db_jwt` from the query (what clerk-js sends), else from a cookie (plain or suffixed). */
  devBrowserToken(): string | null {
    const fromQuery = this.query.get('__clerk_db_jwt') || this.query.get('__dev_session')
    if (fromQuery) return fromQuery
    const cookies = parseCookies(this.event)
    if (cookies.__clerk_db_jwt) return cookies.__clerk_db_jwt
    const suffixed = Object.keys(cookies).find(name => name.startsWith('__clerk_db_jwt_'))
    return suffixed ? cookies[suffixed]! : null
  }

  /** Development instances identify the browser by its dev-browser token; unknown ones get 401. */
  devBrowser(): DevBrowserRecord {
    if (this.ctx.production) throw fapiErrors.devBrowserNotSupported()
    const token = this.devBrowserToken()
    const record = token ? findDevBrowser(this.store, token) : undefined
    if (!record) throw fapiErrors.devBrowserUnauthenticated()
    return record
  }

  /**
   * The browser's client: the dev browser's in development, the one `__client` names in
   * production. One is created when there is none (or it was deleted).
   */
  client(): ClientRecord {
    if (this.#client) return this.#client
    if (this.ctx.production) {
      const id = clientIdFromCookie(this.ctx, this.event)
      this.#client = (id ? this.store.data.clients[id] : undefined) ?? createClient(this.store)
      return this.#client
    }
    const devBrowser = this.devBrowser()
    const existing = devBrowser.client_id ? this.store.data.clients[devBrowser.client_id] : undefined
    if (existing) return (this.#client = existing)
    const client = createClient(this.store)
    devBrowser.client_id = client.id
    return (this.#client = client)
  }

  /** Client.create(): a fresh client for this browser; the old one's sessions stay behind. */
  replaceClient(): ClientRecord {
    const client = createClient(this.store)
    if (!this.ctx.production) this.devBrowser().client_id = client.id
    return (this.#client = client)
  }

  /** The client this request resolved, if any: a production answer sets its cookies. */
  get resolvedClient(): ClientRecord | null {
    return this.#client
  }

  /** The caller's browser and address, recorded on sessions it signs in. */
  sessionOrigin(): SessionOrigin {
    return { userAgent: getRequestHeader(this.event, 'user-agent') ?? null, ipAddress: getRequestIP(this.event) ?? null }
  }

  /** `_clerk_session_id`, which clerk-js adds to every call outside /v1/client. */
  sessionIdParam(): string | null {
    return this.query.get('_clerk_session_id')
  }
}
