/** Parses NUXT_CLERK_AUTHORIZED_PARTIES (comma-separated origins) into the list Clerk checks `azp` against. */
export function authorizedPartiesFrom(value: unknown): string[] | undefined {
  if (typeof value !== 'string' && !Array.isArray(value)) return undefined
  const list = (Array.isArray(value) ? value : value.split(','))
    .map(entry => String(entry).trim().replace(/\/+$/, ''))
    .filter(Boolean)
  return list.length > 0 ? list : undefined
}
