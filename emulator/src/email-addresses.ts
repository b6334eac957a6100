// What both APIs accept as an e-mail address: something@domain.tld, no spaces, at most 320 characters.

const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_LENGTH = 320

/** The address in the form it is stored and compared (trimmed, lower case), or null when it is not one. */
export function normalizeEmailAddress(value: string): string | null {
  const email = value.trim().toLowerCase()
  return EMAIL_ADDRESS.test(email) && email.length <= MAX_LENGTH ? email : null
}
