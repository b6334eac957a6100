// Where a session's address is, for <UserProfile/>'s device list. The emulator is offline and has no
// GeoIP database, and it only listens on this machine: loopback and private addresses are named as
// such, anything else is left unknown (the UI then shows the address alone).

export interface Location {
  city: string
  country: string
}

const PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^f[cd][0-9a-f]{2}:/i, /^fe80:/i]

export function locateAddress(ip: string | null | undefined): Location | null {
  if (!ip) return null
  const address = ip.replace(/^::ffff:/i, '')
  if (address === '::1' || /^127\./.test(address)) return { city: 'Localhost', country: 'Loopback' }
  if (PRIVATE.some(range => range.test(address))) return { city: 'Local network', country: 'Private' }
  return null
}
