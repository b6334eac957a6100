import { randomBase62 } from '../ids.ts'
import type { StoreData } from '../store.ts'
import { ChangeFeed, type ChangeEvent, type EventJson, type WebhookEventType } from './events.ts'
import { requestOrigin } from './request-context.ts'
import { svixHeaders } from './signing.ts'

// Delivery as Svix does it: one message per event and endpoint, POSTed as JSON, re-signed on every
// attempt, retried with backoff until a 2xx. Sends run in the background: the API call that caused
// an event has answered before its first attempt starts.

/** Svix's schedule after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const SVIX_RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]
const ATTEMPT_TIMEOUT_MS = 15_000
const KEEP = 200

export interface DeliveryAttempt {
  at: number
  /** HTTP status, or null when the endpoint could not be reached. */
  status: number | null
  error: string | null
}

export interface Delivery {
  /** The Svix message id (`svix-id`), the same for every attempt and replay. */
  id: string
  endpoint: string
  type: WebhookEventType
  body: string
  state: 'pending' | 'delivered' | 'failed'
  attempts: DeliveryAttempt[]
  next_attempt_at: number | null
}

export interface WebhookConfig {
  endpoints: string[]
  secret: string
  instanceId: () => string
  retryDelaysMs: number[]
  log: (message: string) => void
  json: EventJson
}

export class Webhooks {
  readonly config: WebhookConfig
  readonly #feed: ChangeFeed
  #deliveries: Delivery[] = []
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #inFlight = new Set<AbortController>()

  constructor(config: WebhookConfig) {
    this.config = config
    this.#feed = new ChangeFeed(config.json)
  }

  get secret(): string {
    return this.config.secret
  }

  get deliveries(): Delivery[] {
    return this.#deliveries
  }

  rebase(data: StoreData): void {
    if (this.config.endpoints.length) this.#feed.rebase(data)
  }

  /** Called at every store commit: queues one delivery per new event and endpoint, sends nothing yet. */
  observe(data: StoreData): void {
    if (!this.config.endpoints.length) return
    const events = this.#feed.diff(data)
    if (events.length === 0) return
    const attributes = { http_request: requestOrigin.getStore() ?? { client_ip: '', user_agent: '' } }
    for (const event of events) this.#enqueue(event, attributes)
  }

  #enqueue(event: ChangeEvent, attributes: unknown): void {
    const body = JSON.stringify({
      data: event.data,
      event_attributes: attributes,
      instance_id: this.config.instanceId(),
      object: 'event',
      timestamp: Date.now(),
      type: event.type,
    })
    for (const endpoint of this.config.endpoints) {
      const delivery: Delivery = { id: `msg_${randomBase62()}`, endpoint, type: event.type, body, state: 'pending', attempts: [], next_attempt_at: Date.now() }
      this.#deliveries.unshift(delivery)
      this.#schedule(delivery, 0)
    }
    this.#deliveries.length = Math.min(this.#deliveries.length, KEEP)
  }

  #schedule(delivery: Delivery, delayMs: number): void {
    delivery.next_attempt_at = Date.now() + delayMs
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      void this.#attempt(delivery)
    }, delayMs)
    this.#timers.add(timer)
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const controller = new AbortController()
    this.#inFlight.add(controller)
    const timeout = setTimeout(() => controller.abort(new Error('timed out')), ATTEMPT_TIMEOUT_MS)
    const attempt: DeliveryAttempt = { at: Date.now(), status: null, error: null }
    delivery.attempts.push(attempt)
    delivery.next_attempt_at = null
    try {
      const headers = svixHeaders(this.config.secret, delivery.id, delivery.body, Math.floor(Date.now() / 1000))
      const res = await fetch(delivery.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Svix-Webhooks/1.0 (clerk-emulator)', ...headers },
        body: delivery.body,
        signal: controller.signal,
        redirect: 'manual',
      })
      attempt.status = res.status
      await res.body?.cancel()
      if (res.status < 200 || res.status >= 300) attempt.error = `HTTP ${res.status}`
    }
    catch (error) {
      attempt.error = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
    }
    finally {
      clearTimeout(timeout)
      this.#inFlight.delete(controller)
    }
    if (attempt.error === null) {
      delivery.state = 'delivered'
      return
    }
    const failures = delivery.attempts.filter(a => a.error !== null).length
    const delay = this.config.retryDelaysMs[failures - 1]
    this.config.log(`webhook ${delivery.type} to ${delivery.endpoint} failed (${attempt.error})${delay === undefined ? '; giving up' : `; retrying in ${delay} ms`}`)
    if (delay === undefined) delivery.state = 'failed'
    else this.#schedule(delivery, delay)
  }

  /** Sends a delivery once more now (the console's replay button), whatever its state. */
  replay(id: string): Delivery | undefined {
    const delivery = this.#deliveries.find(d => d.id === id)
    if (!delivery) return undefined
    delivery.state = 'pending'
    this.#schedule(delivery, 0)
    return delivery
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    for (const controller of this.#inFlight) controller.abort(new Error('emulator stopped'))
  }
}
