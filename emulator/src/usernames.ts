import { clerkError } from './http.ts'

// What both APIs accept as a username, with Clerk's error codes; the environment's
// `username_settings` (fapi/environment.ts) says the same limits to the prebuilt UI.

export const USERNAME_MIN_LENGTH = 4
export const USERNAME_MAX_LENGTH = 64

/** Throws Clerk's 422 for a username it would refuse; compared case-insensitively elsewhere, stored as given. */
export function assertUsername(username: string, param = 'username'): void {
  if (username.length < USERNAME_MIN_LENGTH || username.length > USERNAME_MAX_LENGTH) {
    const message = `Username must be between ${USERNAME_MIN_LENGTH} and ${USERNAME_MAX_LENGTH} characters long.`
    throw clerkError(422, 'form_username_invalid_length', message, message, { param_name: param })
  }
  if (!/^[A-Za-z0-9_-]+$/.test(username)) {
    const message = 'Username can only contain letters, numbers and \'_\' or \'-\'.'
    throw clerkError(422, 'form_username_invalid_character', message, message, { param_name: param })
  }
  if (/^\d+$/.test(username)) {
    const message = 'Username must contain at least one non-numeric character.'
    throw clerkError(422, 'form_username_needs_non_number_char', message, message, { param_name: param })
  }
}
