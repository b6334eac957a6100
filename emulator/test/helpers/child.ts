import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../../bin/clerk-emulator.mjs', import.meta.url))

/** Parses the CLI's dotenv output: `NAME=value` or `NAME="..."` with `\n` escapes. */
export function parseDotenv(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim())
    if (!match) continue
    const raw = match[2]!
    env[match[1]!] = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/\\n/g, '\n') : raw
  }
  return env
}

export interface ChildEmulator {
  child: ChildProcess
  env: Record<string, string>
  stderr: () => string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

/** Runs the real CLI in a child process and resolves once it has printed its wiring variables. */
export function spawnEmulator(args: string[], extraEnv: Record<string, string> = {}): Promise<ChildEmulator> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${stderr}`)), 20_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      // The JWT key is the last variable printed.
      if (/^NUXT_CLERK_JWT_KEY=.*$/m.test(stdout) && stdout.endsWith('\n')) {
        clearTimeout(timer)
        resolve({ child, env: parseDotenv(stdout), stderr: () => stderr, exited })
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    void exited.then(({ code }) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited with ${code} before starting: ${stderr}`))
    })
  })
}

/** Runs the CLI to completion (for --help and bad flags). */
export function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString() })
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString() })
    child.once('exit', code => resolve({ code, stdout, stderr }))
  })
}
