// @ts-check
import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt(
  {
    ignores: ['.data/**', 'bench/results/**', 'bench/.builds/**', 'test-results/**', '**/.scratch/**'],
  },
  {
    rules: {
      // `case 'x': value = y; break` tables read better on one line.
      '@stylistic/max-statements-per-line': ['error', { max: 2 }],
    },
  },
  {
    files: ['emulator/**'],
    rules: {
      // Clerk's metadata merge deletes keys set to null: dynamic deletes are the feature.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
)
