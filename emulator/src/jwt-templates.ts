import type { JwtTemplateOption } from './options.ts'
import type { JwtTemplateRecord, Store } from './store.ts'

/** Makes the `--jwt-template` flags the instance's templates: ones from an earlier run's flags do not linger. */
export function applyJwtTemplates(store: Store, templates: JwtTemplateOption[]): void {
  const now = Date.now()
  store.data.jwtTemplates = {}
  for (const template of templates) {
    const record: JwtTemplateRecord = {
      id: store.newId('jtmp'),
      name: template.name,
      claims: template.claims,
      lifetime: template.lifetime,
      allowed_clock_skew: template.allowedClockSkew,
      created_at: now,
      updated_at: now,
    }
    store.data.jwtTemplates[record.id] = record
  }
}

export function findJwtTemplate(store: Store, name: string): JwtTemplateRecord | undefined {
  return Object.values(store.data.jwtTemplates).find(t => t.name === name)
}
