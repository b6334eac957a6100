import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The layers of src/ as README.md's "Source layout" lists them: a module imports only from its own
// layer or those below. (Cycles within a layer are what `npm run lint`'s madge check refuses.)

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

const LAYERS: [name: string, modules: RegExp][] = [
  ['plain data, ids, URLs', /^(ids|store|urls|http|images|faults|common-passwords|locations|oauth-providers|console\/request-log|webhooks\/(signing|events|organization-events|deliveries|request-context))\.ts$/],
  ['the instance', /^(instance-config|options|keys|context)\.ts$/],
  ['Clerk\'s resources', /^(users|sessions|clients|dev-browsers|attempts|emails|jwt-templates|tokens|passwords|email-addresses|phone-numbers|usernames|seed|external-accounts|oauth-authorizations|organizations|organization-(memberships|invitations|roles)|session-tasks|totp|mfa)\.ts$/],
  ['the APIs', /^((fapi|bapi|control|console|portal|oauth)\/.+|webhooks\/(routes|env)|bundles|lockdown|env|export-import)\.ts$/],
  ['server and CLI', /^(app|index|cli|cli-args)\.ts$/],
]

function layerOf(module: string): number {
  const index = LAYERS.findIndex(([, pattern]) => pattern.test(module))
  if (index === -1) throw new Error(`${module} is in no layer: add it to README.md's "Source layout" and to LAYERS`)
  return index
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [])
}

/** Every relative import of a module (type-only ones too), as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(match => match[1]!)
  return specifiers.map(specifier => relative(SRC, join(dirname(file), specifier)).split('\\').join('/'))
}

describe('the emulator\'s layers', () => {
  const modules = sourceFiles(SRC).map(file => ({ file, module: relative(SRC, file).split('\\').join('/') }))

  it('place every module of src/', () => {
    for (const { module } of modules) expect(() => layerOf(module), module).not.toThrow()
  })

  it('point one way: no module imports from a layer above its own', () => {
    const upward = modules.flatMap(({ file, module }) => importsOf(file)
      .filter(target => layerOf(target) > layerOf(module))
      .map(target => `${module} (${LAYERS[layerOf(module)]![0]}) imports ${target} (${LAYERS[layerOf(target)]![0]})`))
    expect(upward).toEqual([])
  })
})
