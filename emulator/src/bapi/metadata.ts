import type { Metadata } from '../store.ts'

/** Clerk caps each metadata kind (public, private, unsafe) at 8 KB of JSON. */
export const METADATA_MAX_BYTES = 8 * 1024

export const METADATA_KINDS = ['public_metadata', 'private_metadata', 'unsafe_metadata'] as const
export type MetadataKind = typeof METADATA_KINDS[number]

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Clerk's PATCH /users/{id}/metadata semantics: nested objects merge key by key, a `null` value
 * deletes the key at any depth, anything else (arrays included) replaces. Inputs are not mutated.
 */
export function deepMerge(target: Metadata, patch: Metadata): Metadata {
  const out: Metadata = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    const existing = Object.hasOwn(out, key) ? out[key] : undefined
    if (value === null) {
      delete out[key]
    }
    else if (isPlainObject(value)) {
      // A fresh subtree still drops its own nulls, as it would have when merged into `{}`.
      setOwn(out, key, deepMerge(isPlainObject(existing) ? existing : {}, value))
    }
    else {
      setOwn(out, key, value)
    }
  }
  return out
}

/** Plain assignment of a JSON key such as `__proto__` would change the object's prototype instead. */
function setOwn(object: Metadata, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * The metadata kinds a write changes: `merge` deep-merges each supplied kind (a null kind changes
 * nothing), `replace` overwrites it (null stores `{}`, see README). Kinds left out are absent.
 */
export function metadataChanges<K extends MetadataKind>(current: Record<K, Metadata>, supplied: Partial<Record<K, Metadata | null>>, mode: 'merge' | 'replace'): Partial<Record<K, Metadata>> {
  const next: Partial<Record<K, Metadata>> = {}
  for (const [kind, value] of Object.entries(supplied) as [K, Metadata | null | undefined][]) {
    if (value === undefined) continue
    if (mode === 'replace') next[kind] = value ?? {}
    else if (value !== null) next[kind] = deepMerge(current[kind], value)
  }
  return next
}

export function metadataBytes(value: Metadata): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8')
}

/** The first metadata kind of `candidate` over the size limit, if any. */
export function oversizedKind(candidate: Partial<Record<MetadataKind, Metadata>>): MetadataKind | null {
  for (const kind of METADATA_KINDS) {
    const value = candidate[kind]
    if (value !== undefined && metadataBytes(value) > METADATA_MAX_BYTES) return kind
  }
  return null
}
