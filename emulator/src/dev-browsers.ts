import { createClient } from './clients.ts'
import { randomBase62 } from './ids.ts'
import type { DevBrowserRecord, Store } from './store.ts'

// Development instances know a browser by its dev browser (`__clerk_db_jwt`), which owns one client.

/** Each dev browser owns one client from the start, so GET /v1/client always has one to show. */
export function createDevBrowser(store: Store): DevBrowserRecord {
  const token = `dvb_${randomBase62(32)}`
  const client = createClient(store)
  const record: DevBrowserRecord = { id: token, token, client_id: client.id, created_at: Date.now() }
  store.data.devBrowsers[token] = record
  return record
}

export function findDevBrowser(store: Store, token: string): DevBrowserRecord | undefined {
  const byId = store.data.devBrowsers[token]
  if (byId) return byId
  return Object.values(store.data.devBrowsers).find(d => d.token === token)
}
