import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// What `nuxt build` ships holds no way to sign a request in without Clerk, and the app's own code
// imports no SDK internals and no package it does not declare as a run-time dependency.

const root = fileURLToPath(new URL('../..', import.meta.url))
const APP_CODE = ['server', 'shared', 'pages', 'components', 'composables', 'middleware', 'plugins', 'utils', 'app.vue', 'error.vue', 'nuxt.config.ts']

async function filesUnder(path: string): Promise<string[]> {
  const full = join(root, path)
  try {
    const entries = await readdir(full, { withFileTypes: true, recursive: true })
    return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name))
  }
  catch {
    return [full]
  }
}

describe('the production build (.output)', () => {
  it('contains no bench baseline, no token cache and no other sign-in bypass', async () => {
    const files = (await filesUnder('.output/server')).filter(file => !file.includes('/node_modules/') && /\.(m?js|json)$/.test(file))
    expect(files.length).toBeGreaterThan(10)
    const bypasses = [/BENCH_BASELINE/i, /bench[-_]?baseline/i, /TOKEN_CACHE/i, /VerifiedTokenCache/, /setSignedInSession/, /signedInAuthObject\(/]
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      for (const pattern of bypasses) expect(pattern.test(text), `${relative(root, file)} matches ${pattern}`).toBe(false)
    }
  })
})

describe('the app\'s own source', () => {
  async function runtimeImports(): Promise<Array<{ file: string, specifier: string }>> {
    const files = (await Promise.all(APP_CODE.map(filesUnder))).flat().filter(file => /\.(ts|vue|mjs)$/.test(file))
    const found: Array<{ file: string, specifier: string }> = []
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      // Static and dynamic imports; `import type` is erased at build time.
      for (const match of text.matchAll(/(?:^|\n)\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        found.push({ file: relative(root, file), specifier: (match[1] ?? match[2])! })
      }
    }
    return found
  }

  it('imports no SDK internals', async () => {
    const imports = await runtimeImports()
    expect(imports.length).toBeGreaterThan(10)
    expect(imports.filter(({ specifier }) => /^@clerk\/[^/]+\/internal|^@clerk\/shared/.test(specifier))).toEqual([])
  })

  it('imports at run time only packages declared in `dependencies`', async () => {
    const { dependencies, devDependencies } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
    // Virtual modules and aliases Nuxt and Nitro provide, and Node's built-ins.
    const provided = /^(node:|#|~|@\/|\.)/
    const undeclared = (await runtimeImports())
      .filter(({ file }) => file !== 'nuxt.config.ts')
      .filter(({ specifier }) => !provided.test(specifier))
      .map(({ file, specifier }) => ({ file, pkg: specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0] }))
      .filter(({ pkg }) => !(pkg! in dependencies))
    expect(undeclared).toEqual([])
    // Modules in nuxt.config.ts run at build time; those that ship run-time code are dependencies.
    for (const module of ['@clerk/nuxt', '@nuxtjs/tailwindcss']) expect(dependencies[module], module).toBeDefined()
    expect(devDependencies['@clerk/backend'] === undefined || dependencies['@clerk/backend'] === undefined).toBe(true)
  })
})
