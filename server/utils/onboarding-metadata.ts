import type { H3Event } from 'h3'
import { CLAIMS_SETTING, hasMetadataClaim, METADATA_CLAIM_JSON, MISSING_METADATA_CLAIM } from '#shared/metadata-claim'
import { getClerkUserShared } from './clerk-users'
import { logger } from './logger'
import { onboardingRateLimit, type RateLimit } from './rate-limit'
import type { AuthenticatedUser } from './require-user'

type Metadata = CustomJwtSessionClaims['metadata']

export interface MetadataAnswer {
  metadata: Metadata | undefined
  /** `session`: the verified token's `metadata` claim; `clerk`: the user as the Backend API returned it. */
  source: 'session' | 'clerk'
}

/** The longest a read answers for a user; a browser's session token (60 s on Clerk) is replaced sooner. */
const MAX_AGE_MS = 60_000
/** Reads for tokens without the claim, per user: a few a minute, on top of the shared per-user limit on calls to Clerk. */
const CLAIMLESS_READS = { name: 'claimless-metadata-reads', limit: { max: 6, windowMs: 60_000 } satisfies RateLimit }

/** Per user: public metadata from Clerk and a time it is known to be at least as new as. */
const known = new Map<string, { metadata: Metadata, at: number }>()
let lastSweep = 0
let reported = false

/** Keeps what Clerk returned (a read or the onboarding write) unless something newer is kept already. */
export function rememberPublicMetadata(userId: string, metadata: Record<string, unknown>, at: number): void {
  const now = Date.now()
  if (now - lastSweep >= MAX_AGE_MS) {
    lastSweep = now
    for (const [id, entry] of known) if (now - entry.at >= MAX_AGE_MS) known.delete(id)
  }
  if ((known.get(userId)?.at ?? -Infinity) < at) known.set(userId, { metadata: metadata as Metadata, at })
}

async function readPublicMetadata(event: H3Event, userId: string, budget?: typeof CLAIMLESS_READS): Promise<Metadata> {
  // A read reflects Clerk at least as of when it started.
  const started = Date.now()
  const user = await getClerkUserShared(event, userId, onboardingRateLimit(), budget)
  rememberPublicMetadata(userId, user.publicMetadata, started)
  return user.publicMetadata as Metadata
}

/** The caller's public metadata read from Clerk now (`?fresh=1`, right after an update). */
export async function freshOnboardingMetadata(event: H3Event, userId: string): Promise<MetadataAnswer> {
  return { metadata: await readPublicMetadata(event, userId), source: 'clerk' }
}

/**
 * The caller's onboarding metadata. A token with the `metadata` claim is the only source, with no
 * call to Clerk. A token without it (the instance's session token template lacks the claim) is
 * answered from the Backend API, never as "not onboarded": a read serves every later token minted
 * before it started, for up to a minute, and reads are one per user at a time, at most 6 a minute
 * and counted against the per-user limit on calls to Clerk (429 beyond).
 */
export async function onboardingMetadata(event: H3Event, { userId, claims }: AuthenticatedUser): Promise<MetadataAnswer> {
  if (hasMetadataClaim(claims)) return { metadata: claims.metadata, source: 'session' }
  if (!reported) {
    reported = true
    logger.error(MISSING_METADATA_CLAIM, { setting: CLAIMS_SETTING, paste: METADATA_CLAIM_JSON }, event)
  }
  const entry = known.get(userId)
  // `iat` is in whole seconds: a read within the token's own second counts as after it.
  const mintedAt = typeof claims.iat === 'number' ? claims.iat * 1000 : Infinity
  if (entry && entry.at >= mintedAt && Date.now() - entry.at < MAX_AGE_MS) return { metadata: entry.metadata, source: 'clerk' }
  return { metadata: await readPublicMetadata(event, userId, CLAIMLESS_READS), source: 'clerk' }
}
