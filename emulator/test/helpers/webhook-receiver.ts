import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedWebhook {
  headers: Record<string, string>
  body: string
  /** The parsed event type, for filtering. */
  type: string
}

export interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** Decides the answer to each request (default 204); may hold it open by returning a promise. */
  answer: (hook: ReceivedWebhook, res: ServerResponse) => void | Promise<void>
  /** Resolves once `count` webhooks of `type` arrived. */
  waitFor: (type: string, count?: number) => Promise<ReceivedWebhook[]>
  /** Resolves with the first webhook of `type` about the resource `id` (its `data.id`). */
  waitForId: (type: string, id: string) => Promise<ReceivedWebhook>
  /** The delivered one as a fetch Request, which @clerk/backend's verifyWebhook takes. */
  asRequest: (hook: ReceivedWebhook, body?: string) => Request
  stop: () => Promise<void>
}

function dataId(body: string): string | undefined {
  try { return (JSON.parse(body) as { data?: { id?: string } }).data?.id }
  catch { return undefined }
}

/** A local endpoint standing in for an app's webhook route. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const waiters = new Set<() => boolean>()
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: (_hook, res) => { res.writeHead(204).end() },
    waitFor: (type, count = 1) => new Promise((resolve) => {
      const check = () => {
        const matching = receiver.received.filter(h => h.type === type)
        if (matching.length < count) return false
        resolve(matching)
        return true
      }
      if (!check()) waiters.add(check)
    }),
    waitForId: (type, id) => new Promise((resolve) => {
      const check = () => {
        const found = receiver.received.find(h => h.type === type && dataId(h.body) === id)
        if (found) resolve(found)
        return Boolean(found)
      }
      if (!check()) waiters.add(check)
    }),
    asRequest: (hook, body = hook.body) => new Request(receiver.url, { method: 'POST', headers: hook.headers, body }),
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { body += chunk })
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))
      let type: string
      try { type = (JSON.parse(body) as { type: string }).type }
      catch { type = 'unparseable' }
      const hook = { headers, body, type }
      receiver.received.push(hook)
      for (const waiter of waiters) if (waiter()) waiters.delete(waiter)
      void receiver.answer(hook, res)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks`
  return receiver
}
