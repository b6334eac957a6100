/** One answered request, for the console's log. */
export interface LoggedRequest {
  at: number
  method: string
  path: string
  status: number
  ms: number
}

const KEEP = 500

/** The most recent requests, newest first; query strings are dropped (they carry dev-browser tokens). */
export class RequestLog {
  #entries: LoggedRequest[] = []

  add(entry: LoggedRequest): void {
    this.#entries.unshift(entry)
    if (this.#entries.length > KEEP) this.#entries.length = KEEP
  }

  get entries(): LoggedRequest[] {
    return this.#entries
  }

  clear(): void {
    this.#entries = []
  }
}
