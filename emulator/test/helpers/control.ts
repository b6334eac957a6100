/** What every /__emulator/* call sends (see src/lockdown.ts); a cross-site page cannot send it unasked. */
export const CONTROL_HEADERS = { 'x-clerk-emulator': '1' } as const
