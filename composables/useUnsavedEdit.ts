/**
 * Whether an onboarding form holds input that is not saved yet (`dirty`), and whether such input
 * was lost because the session ended (`lost`, which the sign-in page then says).
 *
 * The input itself is not kept for after sign-in: it would stay in a signed-out browser, possibly a
 * shared one, and could be shown to whoever signs in next. Saying it was not saved loses nothing
 * silently and stores nothing.
 */
export function useUnsavedEdit() {
  const dirty = useState('unsaved-edit-dirty', () => false)
  const lost = useState('unsaved-edit-lost', () => false)
  return { dirty, lost }
}
