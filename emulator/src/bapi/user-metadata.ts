import type { H3Event } from 'h3'
import { getRouterParam } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { readClerkBody, sendJson } from '../http.ts'
import type { Metadata } from '../store.ts'
import { METADATA_KINDS, metadataChanges, oversizedKind, type MetadataKind } from './metadata.ts'
import { metadataParam } from './params.ts'
import { checkUserUpdateRate } from './rate-limit.ts'
import type { BapiRoute } from './route.ts'
import { userJson } from './json.ts'
import { getUserOr404, metadataTooLarge } from './users.ts'

type Mode = 'merge' | 'replace'

/**
 * PATCH deep-merges (a `null` value deletes that key at any depth); PUT replaces each supplied
 * kind wholesale. Kinds left out are untouched either way. The result is computed for every kind
 * and checked against the 8 KB limit before anything is stored, so a rejected write changes nothing.
 */
function writeMetadata(ctx: EmulatorContext, mode: Mode) {
  return async (event: H3Event) => {
    const id = getUserOr404(ctx, getRouterParam(event, 'id')).id
    checkUserUpdateRate(ctx, id)
    const body = await readClerkBody(event)
    // Looked up again after the body arrives: merge into the latest state, never a stale copy.
    const user = getUserOr404(ctx, id)
    const supplied: Partial<Record<MetadataKind, Metadata | null>> = {}
    for (const kind of METADATA_KINDS) supplied[kind] = metadataParam(body, kind)
    const next = metadataChanges(user, supplied, mode)
    const oversized = oversizedKind(next)
    if (oversized) throw metadataTooLarge(oversized)
    if (Object.keys(next).length > 0) {
      Object.assign(user, next)
      user.updated_at = Date.now()
      await ctx.store.commit()
    }
    return sendJson(event, userJson(ctx, user))
  }
}

export function userMetadataRoutes(ctx: EmulatorContext): BapiRoute[] {
  return [
    { method: 'PATCH', path: '/v1/users/:id/metadata', handler: writeMetadata(ctx, 'merge') },
    { method: 'PUT', path: '/v1/users/:id/metadata', handler: writeMetadata(ctx, 'replace') },
  ]
}
