import { fileURLToPath } from 'node:url'
import { defineVitestProject } from '@nuxt/test-utils/config'
import { defineConfig } from 'vitest/config'

const shared = fileURLToPath(new URL('./shared', import.meta.url))

// Projects, fastest first: `unit` (pure functions), `nuxt` (the app's components, composables and
// route middleware inside a Nuxt app in happy-dom, Clerk's composables mocked), `emulator` (the Clerk emulator against the
// real @clerk/backend and clerk-js), `server` (the built app over HTTP against the emulator),
// `security` (attacks and failures against the built app and the emulator), `e2e` (Playwright
// journeys in Debian's Chromium against the built app and the emulator).
export default defineConfig({
  resolve: { alias: { '#shared': shared } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      await nuxtProject(),
      { extends: true, test: { name: 'emulator', include: ['emulator/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      // Forged sessions, cross-site requests, fuzzing, Clerk outages, load, headers and secrets (docs/security.md).
      { extends: true, test: { name: 'security', include: ['tests/security/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: 2 } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      // `node bench/run.mjs --smoke`: the benchmark harness end to end, about 1 s per load; after the
      // timing-sensitive projects, since it loads the CPU (docs/benchmarks.md).
      { extends: true, test: { name: 'bench-smoke', include: ['tests/bench/**/*.test.ts'], environment: 'node', testTimeout: 600_000, fileParallelism: false, sequence: { groupOrder: 1 } } },
      // The Docker image's steps without a container engine: a clean copy of the build context,
      // `npm ci`, a build, then only `.output` run as the image runs it; plus checks of the
      // Dockerfile and cloudbuild.yaml (docs/deploy.md). Runs after the others (groupOrder), so its
      // install and build do not compete with their timing-sensitive tests for the CPU.
      { extends: true, test: { name: 'container', include: ['tests/container/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 600_000, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
})

// One Nuxt instance per test file, in happy-dom (which loads no scripts). The tests mock Clerk's
// composables with mockNuxtImport, so @clerk/nuxt's plugin, which would load clerk-js, is left out
// of the test app; the hook doing that runs while the config is resolved and cannot travel to the
// test workers, so it is removed from the options they receive.
async function nuxtProject() {
  const hooks = {
    'app:resolve'(app: { plugins: Array<{ src: string }> }) {
      app.plugins = app.plugins.filter(plugin => !plugin.src.includes('@clerk/nuxt'))
    },
  }
  const project = await defineVitestProject({
    test: {
      name: 'nuxt',
      include: ['tests/nuxt/**/*.test.ts'],
      environment: 'nuxt',
      testTimeout: 30_000,
      hookTimeout: 120_000,
      environmentOptions: {
        nuxt: {
          domEnvironment: 'happy-dom',
          overrides: { hooks },
        },
        happyDom: { settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } },
      },
    },
  })
  delete project.test?.environmentOptions?.nuxt?.overrides?.hooks
  return project
}
