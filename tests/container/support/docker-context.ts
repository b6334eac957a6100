import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'

// What `docker build .` would send as its context: every file under the directory that
// .dockerignore does not exclude, with Docker's matching rules (patterns match the path from the
// root or any of its parent directories; the last matching pattern wins; `!` re-includes).

interface Rule {
  negate: boolean
  pattern: string
  regex: RegExp
}

function toRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/` is zero or more directories; a trailing `**` is anything.
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?'
        i += 2
      }
      else {
        source += '.*'
        i += 1
      }
    }
    else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`
    else source += char.replace(/[.+^${}()|[\]]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

export function parseDockerignore(text: string): Rule[] {
  return text.split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!')
      const pattern = posix.normalize((negate ? line.slice(1) : line).trim().replace(/^\/+/, '')).replace(/\/+$/, '')
      return { negate, pattern, regex: toRegExp(pattern) }
    })
}

/** Whether Docker leaves this path (relative, with `/`) out of the build context. */
export function isIgnored(path: string, rules: Rule[]): boolean {
  const parts = path.split('/')
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'))
  let ignored = false
  for (const rule of rules) {
    if (candidates.some(candidate => rule.regex.test(candidate))) ignored = !rule.negate
  }
  return ignored
}

/** The files (relative paths) in the build context of `root`, honouring its .dockerignore. */
export function listBuildContext(root: string): string[] {
  const rules = parseDockerignore(readFileSync(join(root, '.dockerignore'), 'utf8'))
  const exceptions = rules.filter(rule => rule.negate).map(rule => rule.pattern)
  const files: string[] = []
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        // Skip ignored directories unless a `!` pattern may re-include something inside them.
        if (isIgnored(path, rules) && !exceptions.some(pattern => pattern.startsWith(`${path}/`) || pattern.includes('*'))) continue
        walk(path)
      }
      else if ((entry.isFile() || entry.isSymbolicLink()) && !isIgnored(path, rules)) {
        files.push(path)
      }
    }
  }
  walk('')
  return files.sort()
}

/** Copies the build context of `root` into `target`, as `COPY . .` would see it. */
export function copyBuildContext(root: string, target: string): string[] {
  const files = listBuildContext(root)
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true })
    copyFileSync(join(root, file), join(target, file))
  }
  return files
}
