#!/usr/bin/env node
// The emulator is TypeScript run by Node's built-in type stripping (Node >= 22.18 / 24).
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18) || (major === 23 && minor < 6)) {
  process.stderr.write(`clerk-emulator needs Node 22.18+ or 24 (type stripping); this is Node ${process.versions.node}.\n`
    + 'Run it through npm (`npm run emulator`), which uses the project\'s Node 24.\n')
  process.exit(1)
}
await import('../src/cli.ts')
