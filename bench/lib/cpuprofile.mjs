// Summarises a V8 .cpuprofile: self time per function and the inclusive share of chosen frames.

/** Frames whose inclusive time tells where authentication goes (matched on function name). */
const WATCH = [
  'authenticateEvent', 'authenticateRequest', 'clerkClient', 'createClerkClient', 'useRuntimeConfig',
  'verifyToken', 'verifyJwt', 'decodeJwt', 'createAuthenticateContext', 'toWebRequest', 'signedInAuthObject',
  'createBackendApiClient', 'getCookieSuffix', 'renderToString', 'renderMiddleware', 'writeLog',
  '(garbage collector)', '(idle)', '(program)',
]

function where(frame) {
  const url = frame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(/.*\/\.output\//, '.output/').replace(/.*\/bench-output-[^/]+\//, '.output/')
  return url ? `${url}:${frame.lineNumber + 1}` : ''
}

export function summarise(profile, { top = 30 } = {}) {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const total = profile.endTime - profile.startTime
  const selfUs = new Map()
  const sampleUs = new Map()
  profile.samples.forEach((id, i) => sampleUs.set(id, (sampleUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const inclusive = new Map(WATCH.map(name => [name, 0]))
  for (const [id, us] of sampleUs) {
    const node = nodes.get(id)
    const key = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame)}`
    selfUs.set(key, (selfUs.get(key) ?? 0) + us)
    const seen = new Set()
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const name = nodes.get(cur).callFrame.functionName
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name)
        inclusive.set(name, inclusive.get(name) + us)
      }
    }
  }
  const idle = inclusive.get('(idle)')
  const busy = total - idle
  const pct = us => `${((100 * us) / busy).toFixed(1)}%`.padStart(6)
  const lines = [`profile: ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (percentages are of busy time)`, '', 'self time:']
  for (const [key, us] of [...selfUs].sort((a, b) => b[1] - a[1]).filter(([k]) => !k.startsWith('(idle)')).slice(0, top)) lines.push(`${pct(us)}  ${key}`)
  lines.push('', 'inclusive time:')
  for (const [name, us] of inclusive) if (name !== '(idle)' && us > 0) lines.push(`${pct(us)}  ${name}`)
  return lines.join('\n')
}
