/** Where Clerk's dashboard sets the claims every session token carries. */
export const CLAIMS_SETTING = 'Clerk Dashboard → Sessions → Customize session token'

/** The JSON to paste there so session tokens carry the user's public metadata. */
export const METADATA_CLAIM_JSON = '{"metadata": "{{user.public_metadata}}"}'

/** Said once on the server (and in development in the browser) when a token comes without the claim. */
export const MISSING_METADATA_CLAIM = `Session tokens carry no "metadata" claim, so the onboarding state is read from Clerk's Backend API instead (a call per user and token, rate-limited). Add ${METADATA_CLAIM_JSON} in ${CLAIMS_SETTING}.`

/** Whether verified session claims carry `metadata` at all; any value it has is the onboarding state's only source. */
export function hasMetadataClaim(claims: object | null | undefined): boolean {
  return claims != null && (claims as { metadata?: unknown }).metadata !== undefined
}
