import type { Config } from 'tailwindcss'
import plugin from 'tailwindcss/plugin'

/**
 * The app's design tokens, one set for our components and Clerk's (plugins/clerk-appearance.client.ts
 * hands the same CSS variables to Clerk's `appearance`). Colours are CSS variables so both follow
 * the system's colour scheme (prefers-color-scheme) with no script.
 */
const palettes = {
  light: {
    'page': '#f9fafb',
    'card': '#ffffff',
    'ink': '#111827',
    'muted': '#4b5563',
    'line': '#d1d5db',
    'field': '#ffffff',
    'neutral': '#000000',
    'primary': '#1d4ed8',
    'primary-hover': '#1e40af',
    'on-primary': '#ffffff',
    'danger': '#b91c1c',
    'success': '#166534',
    'shadow': 'rgb(17 24 39 / 0.12)',
  },
  // Clerk's links take the primary colour too, so it must read on the card: a light blue with dark text.
  dark: {
    'page': '#030712',
    'card': '#111827',
    'ink': '#f3f4f6',
    'muted': '#d1d5db',
    'line': '#374151',
    'field': '#1f2937',
    'neutral': '#ffffff',
    'primary': '#60a5fa',
    'primary-hover': '#93c5fd',
    'on-primary': '#030712',
    'danger': '#fca5a5',
    'success': '#86efac',
    'shadow': 'rgb(0 0 0 / 0.5)',
  },
} as const

const shape = {
  'radius': '0.5rem',
  'font': 'ui-sans-serif, system-ui, -apple-system, "Apple SD Gothic Neo", "Noto Sans KR", "Malgun Gothic", sans-serif',
  'card-width': '25rem',
  'card-radius': 'calc(var(--radius) * 1.5)',
  'card-shadow': '0 1px 2px var(--color-shadow), 0 8px 24px -4px var(--color-shadow)',
} as const

const colorVariables = (palette: Record<string, string>) =>
  Object.fromEntries(Object.entries(palette).map(([name, value]) => [`--color-${name}`, value]))

export default {
  darkMode: 'media',
  theme: {
    extend: {
      colors: Object.fromEntries(Object.keys(palettes.light).map(name => [name, `var(--color-${name})`])),
      borderRadius: { DEFAULT: 'var(--radius)', card: 'var(--card-radius)' },
      fontFamily: { sans: 'var(--font)' },
      maxWidth: { card: 'var(--card-width)' },
      boxShadow: { card: 'var(--card-shadow)' },
    },
  },
  plugins: [
    plugin(({ addBase }) => {
      addBase({
        ':root': { ...colorVariables(palettes.light), ...Object.fromEntries(Object.entries(shape).map(([name, value]) => [`--${name}`, value])) },
        '@media (prefers-color-scheme: dark)': { ':root': colorVariables(palettes.dark) },
      })
    }),
  ],
} satisfies Partial<Config>
