// A small Dockerfile reader for tests: enough to check the image's rules and to run `.output` with
// the runtime stage's environment. Not a full implementation of Docker's parser.

export interface Instruction {
  keyword: string
  args: string
}

export interface Stage {
  /** The image after substituting global ARG defaults, e.g. node:24.21.0-bookworm-slim. */
  from: string
  name?: string
  instructions: Instruction[]
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string>
  stages: Stage[]
}

/** Splits into instructions: comment lines dropped, `\` continuations joined. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = []
  let pending = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line.startsWith('#')) continue
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `
      continue
    }
    const full = (pending + line).trim()
    pending = ''
    if (!full) continue
    const [, keyword, args] = full.match(/^(\S+)\s*(.*)$/)!
    result.push({ keyword: keyword!.toUpperCase(), args: args!.trim() })
  }
  return result
}

function unquote(value: string): string {
  if (value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1')
  if (value.startsWith('\'') && value.endsWith('\'')) return value.slice(1, -1)
  return value
}

/** `KEY=value KEY2="v 2"` (or the legacy `KEY value`) as a record; used for ENV and ARG. */
export function keyValues(args: string): Record<string, string> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const [, key, value = ''] = args.match(/^(\S+)\s*(.*)$/) ?? []
    return key ? { [key]: unquote(value) } : {}
  }
  const pairs: Record<string, string> = {}
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    pairs[match[1]!] = unquote(match[2]!)
  }
  return pairs
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {}
  const stages: Stage[] = []
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/)
      const from = image.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => globalArgs[arg] ?? '')
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] })
    }
    else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') Object.assign(globalArgs, keyValues(instruction.args))
    }
    else {
      stages.at(-1)!.instructions.push(instruction)
    }
  }
  return { globalArgs, stages }
}

/** Every ENV a stage sets (its own instructions only), in order. */
export function stageEnv(stage: Stage): Record<string, string> {
  return Object.assign({}, ...stage.instructions.filter(i => i.keyword === 'ENV').map(i => keyValues(i.args)))
}
