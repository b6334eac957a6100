/**
 * Clerk's components in the app's design tokens (tailwind.config.ts): the same CSS variables our
 * components use, so <SignIn/>, <SignUp/>, <UserButton/> and <UserProfile/> follow the colour scheme
 * as our cards do. The one place for the app-wide `appearance`; a page adds its own through the
 * component's `appearance` prop. Runs before @clerk/nuxt's plugin (`pre`), which hands it to clerk-js.
 */
const clerkAppearance = {
  variables: {
    colorPrimary: 'var(--color-primary)',
    colorPrimaryForeground: 'var(--color-on-primary)',
    colorBackground: 'var(--color-card)',
    colorForeground: 'var(--color-ink)',
    colorMutedForeground: 'var(--color-muted)',
    colorInput: 'var(--color-field)',
    colorInputForeground: 'var(--color-ink)',
    colorNeutral: 'var(--color-neutral)',
    colorDanger: 'var(--color-danger)',
    colorSuccess: 'var(--color-success)',
    colorShadow: 'var(--color-shadow)',
    borderRadius: 'var(--radius)',
    fontFamily: 'var(--font)',
    fontFamilyButtons: 'var(--font)',
  },
  elements: {
    cardBox: { borderRadius: 'var(--card-radius)', boxShadow: 'var(--card-shadow)' },
  },
  // Only the sign-in and sign-up cards sit beside ours; <UserProfile/>'s dialog keeps its own width.
  signIn: { elements: { cardBox: { width: 'var(--card-width)' } } },
  signUp: { elements: { cardBox: { width: 'var(--card-width)' } } },
}

export default defineNuxtPlugin({
  name: 'clerk-appearance',
  enforce: 'pre',
  setup() {
    const config = useRuntimeConfig().public.clerk as Record<string, unknown>
    config.appearance = clerkAppearance
  },
})
