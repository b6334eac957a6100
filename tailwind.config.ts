import type { Config } from 'tailwindcss'

// Dark mode follows the system setting (prefers-color-scheme).
export default {
  darkMode: 'media',
} satisfies Partial<Config>
