import type { JwtTemplateOption } from './options.ts'
import type { JwtTemplateRecord, Store } from './store.ts'

/** Writes the `--jwt-template` flags into the store, replacing a stored template of the same name. */
export function applyJwtTemplates(store: Store, templates: JwtTemplateOption[]): void {
  const now = Date.now()
  for (const template of templates) {
    const existing = Object.values(store.data.jwtTemplates).find(t => t.name === template.name)
    const record: JwtTemplateRecord = {
      id: existing?.id ?? store.newId('jtmp'),
      name: template.name,
      claims: template.claims,
      lifetime: template.lifetime,
      allowed_clock_skew: template.allowedClockSkew,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    }
    store.data.jwtTemplates[record.id] = record
  }
}

export function findJwtTemplate(store: Store, name: string): JwtTemplateRecord | undefined {
  return Object.values(store.data.jwtTemplates).find(t => t.name === name)
}
