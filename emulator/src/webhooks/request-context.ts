import { AsyncLocalStorage } from 'node:async_hooks'
import type { IncomingMessage } from 'node:http'

/** The caller of the request being handled: Clerk reports it as an event's `event_attributes.http_request`. */
export interface RequestOrigin {
  client_ip: string
  user_agent: string
}

export const requestOrigin = new AsyncLocalStorage<RequestOrigin>()

export function originOf(req: IncomingMessage): RequestOrigin {
  return { client_ip: req.socket.remoteAddress ?? '', user_agent: req.headers['user-agent'] ?? '' }
}
