import { readFileSync } from 'node:fs'
import { OAUTH_PROVIDERS, oauthProvider } from './oauth-providers.ts'
import { FRAMEWORKS, type EmulatorOptions, type IdentifierChoice, type IdentifierName, type JwtTemplateOption } from './options.ts'

// Command-line, environment and --config file parsing for the CLI, kept free of side effects
// beyond reading that file, so tests can drive it directly.

export class UsageError extends Error {}

type Kind = 'string' | 'int' | 'boolean' | 'json' | 'list' | 'origin' | 'urls' | 'template' | 'identifiers' | 'social'

interface FlagSpec {
  name: string
  env: string
  kind: Kind
  option: keyof EmulatorOptions
  value?: string
  help: string
  /** For a string flag: the only values it takes. */
  choices?: readonly string[]
}

export const FLAGS: FlagSpec[] = [
  { name: 'config', env: 'CLERK_EMULATOR_CONFIG', kind: 'string', option: 'configFile', value: '<file>', help: 'JSON file of settings keyed by these flag names, e.g. {"app-name": "Acme", "email-verification": false}; flags and variables win over it' },
  { name: 'port', env: 'CLERK_EMULATOR_PORT', kind: 'int', option: 'port', value: '<n>', help: 'TCP port; 0 picks a free one (default 4010)' },
  { name: 'host', env: 'CLERK_EMULATOR_HOST', kind: 'string', option: 'host', value: '<addr>', help: 'Interface to listen on (default 127.0.0.1)' },
  { name: 'data-dir', env: 'CLERK_EMULATOR_DATA_DIR', kind: 'string', option: 'dataDir', value: '<dir>', help: 'Where state and the signing key live (default .data/clerk-emulator/)' },
  { name: 'memory', env: 'CLERK_EMULATOR_MEMORY', kind: 'boolean', option: 'memory', help: 'Keep everything in memory; nothing is written to disk' },
  { name: 'seed', env: 'CLERK_EMULATOR_SEED', kind: 'string', option: 'seed', value: '<file>', help: 'JSON file of users to create if missing (see README)' },
  { name: 'session-claims', env: 'CLERK_EMULATOR_SESSION_CLAIMS', kind: 'json', option: 'sessionClaims', value: '<json>', help: 'Session token template, e.g. \'{"metadata":"{{user.public_metadata}}"}\'' },
  { name: 'token-ttl', env: 'CLERK_EMULATOR_TOKEN_TTL', kind: 'int', option: 'tokenTtl', value: '<seconds>', help: 'Session token lifetime (default 60, as Clerk)' },
  { name: 'origin', env: 'CLERK_EMULATOR_ORIGINS', kind: 'list', option: 'origins', value: '<url>', help: 'App origin allowed to call the Frontend API; repeatable (env: comma-separated). Default: any loopback origin' },
  { name: 'public-url', env: 'CLERK_EMULATOR_PUBLIC_URL', kind: 'origin', option: 'publicUrl', value: '<url>', help: 'Another origin the emulator is reached at (proxy, container name); its Host is accepted' },
  { name: 'webhook-url', env: 'CLERK_EMULATOR_WEBHOOK_URLS', kind: 'urls', option: 'webhookUrls', value: '<url>', help: 'Deliver Clerk\'s webhook events here, Svix-signed; repeatable (env: comma-separated)' },
  { name: 'import', env: 'CLERK_EMULATOR_IMPORT', kind: 'string', option: 'importFile', value: '<file>', help: 'Replace state and keys with an export file at start' },
  { name: 'export-on-exit', env: 'CLERK_EMULATOR_EXPORT_ON_EXIT', kind: 'string', option: 'exportOnExit', value: '<file>', help: 'Write an export of the whole state to this file on exit' },
  { name: 'app-name', env: 'CLERK_EMULATOR_APP_NAME', kind: 'string', option: 'appName', value: '<name>', help: 'Application name the prebuilt UI shows ("Sign in to <name>"); default "Clerk emulator"' },
  { name: 'identifiers', env: 'CLERK_EMULATOR_IDENTIFIERS', kind: 'identifiers', option: 'identifiers', value: '<list>', help: 'Identifiers users have: email, username, phone, each :required or :optional (bare: email required, the others optional); default email' },
  { name: 'email-verification', env: 'CLERK_EMULATOR_EMAIL_VERIFICATION', kind: 'boolean', option: 'emailVerification', value: '[on|off]', help: 'Require an emailed code at sign-up (default on, as a new Clerk instance)' },
  { name: 'rate-limits', env: 'CLERK_EMULATOR_RATE_LIMITS', kind: 'boolean', option: 'rateLimits', value: '[on|off]', help: 'Emulate Clerk\'s 10-per-10-s user update limit with 429s (default off)' },
  { name: 'framework', env: 'CLERK_EMULATOR_FRAMEWORK', kind: 'string', option: 'framework', value: '<sdk>', choices: FRAMEWORKS, help: 'Print the variables this SDK reads: nuxt (@clerk/nuxt), next (@clerk/nextjs 7), next@6 (@clerk/nextjs 6); default nuxt' },
  { name: 'account-portal', env: 'CLERK_EMULATOR_ACCOUNT_PORTAL', kind: 'boolean', option: 'accountPortal', help: 'Also print the SDK\'s sign-in/sign-up URL variables, pointing at the Account Portal' },
  { name: 'quiet', env: 'CLERK_EMULATOR_QUIET', kind: 'boolean', option: 'quiet', help: 'Do not log requests to stderr' },
  // Production flavour and the prebuilt UI's account settings.
  { name: 'instance', env: 'CLERK_EMULATOR_INSTANCE', kind: 'string', choices: ['development', 'production'], option: 'instance', value: '<type>', help: 'development (default) or production: pk_live_/sk_live_ keys, no dev browser, FAPI cookies; needs --origin' },
  { name: 'mfa', env: 'CLERK_EMULATOR_MFA', kind: 'string', choices: ['off', 'on', 'required'], option: 'mfa', value: '<off|on|required>', help: 'Multi-factor: on offers an authenticator app (TOTP) and backup codes; required also marks them required (default off)' },
  { name: 'allow-delete', env: 'CLERK_EMULATOR_ALLOW_DELETE', kind: 'boolean', option: 'allowDelete', value: '[on|off]', help: 'Let users delete their own account from <UserProfile/> (default off)' },
  { name: 'password-check', env: 'CLERK_EMULATOR_PASSWORD_CHECK', kind: 'boolean', option: 'passwordCheck', value: '[on|off]', help: 'Refuse common passwords with form_password_pwned (default off)' },
  { name: 'organizations', env: 'CLERK_EMULATOR_ORGANIZATIONS', kind: 'boolean', option: 'organizations', value: '[on|off]', help: 'Enable organizations (default off, as on a new instance)' },
  { name: 'personal-accounts', env: 'CLERK_EMULATOR_PERSONAL_ACCOUNTS', kind: 'boolean', option: 'personalAccounts', value: '[on|off]', help: 'Allow personal accounts (default on); off: new sessions must choose an organization' },
  { name: 'social', env: 'CLERK_EMULATOR_SOCIAL', kind: 'social', option: 'social', value: '<providers>', help: 'Social connections, comma-separated: google,github or any oauth_<name> Clerk knows (default none)' },
  { name: 'jwt-template', env: 'CLERK_EMULATOR_JWT_TEMPLATES', kind: 'template', option: 'jwtTemplates', value: '<name>=<json>', help: 'A JWT template, e.g. convex=\'{"claims":{"aud":"convex"},"lifetime":300}\'; repeatable (env: a JSON object of name: template)' },
]

export function helpText(): string {
  const rows = FLAGS.map((f) => {
    const left = `  --${f.name}${f.value ? ` ${f.value}` : ''}`
    return `${left.padEnd(34)} ${f.help}\n${' '.repeat(35)}env ${f.env}`
  })
  return [
    'Usage: clerk-emulator [options]',
    '',
    'An offline Clerk (Frontend API + Backend API) for development and tests.',
    'On start it prints the variables that wire an app to it (see --framework), as dotenv lines on stdout.',
    '',
    'Options (a flag wins over its environment variable, which wins over --config):',
    ...rows,
    `  ${'--help'.padEnd(32)} Show this help`,
    '',
    'Booleans accept --flag, --no-flag, --flag=on|off|true|false|1|0 and --flag on|off.',
  ].join('\n')
}

const TRUE = new Set(['1', 'true', 'on', 'yes'])
const FALSE = new Set(['0', 'false', 'off', 'no'])

function parseBoolean(raw: string, where: string): boolean {
  const v = raw.trim().toLowerCase()
  if (TRUE.has(v)) return true
  if (FALSE.has(v)) return false
  throw new UsageError(`${where} must be on or off, got "${raw}"`)
}

function convert(spec: FlagSpec, raw: string, where: string): unknown {
  switch (spec.kind) {
    case 'string':
      if (raw === '') throw new UsageError(`${where} needs a value`)
      if (spec.choices && !spec.choices.includes(raw)) throw new UsageError(`${where} must be one of ${spec.choices.join(', ')}, got "${raw}"`)
      return raw
    case 'int': {
      const n = Number(raw)
      const max = spec.option === 'port' ? 65535 : 315_360_000
      const min = spec.option === 'port' ? 0 : 1
      if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`${where} must be an integer from ${min} to ${max}, got "${raw}"`)
      return n
    }
    case 'boolean':
      return parseBoolean(raw, where)
    case 'json': {
      let parsed: unknown
      try { parsed = JSON.parse(raw) }
      catch { throw new UsageError(`${where} must be a JSON object, got invalid JSON`) }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${where} must be a JSON object`)
      return parsed
    }
    case 'origin':
      return normalizeOrigin(raw, where)
    case 'urls':
      return raw.split(',').map(s => s.trim()).filter(Boolean).map(url => httpUrl(url, where))
    case 'list':
      return raw.split(',').map(s => s.trim()).filter(Boolean).map(origin => normalizeOrigin(origin, where))
    case 'identifiers':
      return parseIdentifiers(raw, where)
    case 'social':
      return socialConnections(raw, where)
    case 'template': {
      if (spec.env === where) return templatesFromEnv(raw, where)
      const eq = raw.indexOf('=')
      if (eq < 1) throw new UsageError(`${where} needs <name>=<json>, got "${raw}"`)
      return [jwtTemplate(raw.slice(0, eq), raw.slice(eq + 1), where)]
    }
  }
}

const IDENTIFIER_NAMES: Record<string, IdentifierName> = { email: 'email_address', email_address: 'email_address', username: 'username', phone: 'phone_number', phone_number: 'phone_number' }

/** `email,username:optional,phone:required`: each listed identifier is on; bare, email is required and the others optional. */
function parseIdentifiers(raw: string, where: string): IdentifierChoice {
  const choice: IdentifierChoice = {}
  for (const item of raw.split(',').map(s => s.trim()).filter(Boolean)) {
    const [word = '', requirement, extra] = item.split(':')
    const name = IDENTIFIER_NAMES[word.toLowerCase()]
    if (!name || extra !== undefined || (requirement !== undefined && requirement !== 'required' && requirement !== 'optional')) {
      throw new UsageError(`${where} takes email, username and phone, each optionally :required or :optional; got "${item}"`)
    }
    if (choice[name]) throw new UsageError(`${where} names ${word} twice`)
    choice[name] = requirement ?? (name === 'email_address' ? 'required' : 'optional')
  }
  if (Object.keys(choice).length === 0) throw new UsageError(`${where} needs at least one of email, username, phone`)
  return choice
}

function httpUrl(value: string, where: string): string {
  let url: URL
  try { url = new URL(value) }
  catch { throw new UsageError(`${where} must be an http(s) URL, got "${value}"`) }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${where} must be an http(s) URL, got "${value}"`)
  return url.href
}

const TEMPLATE_NAME = /^[A-Za-z0-9_-]{1,64}$/

/** One `name=<json>` template: `claims` (an object) is required, `lifetime` and `allowed_clock_skew` are seconds. */
function jwtTemplate(name: string, json: string | unknown, where: string): JwtTemplateOption {
  if (!TEMPLATE_NAME.test(name)) throw new UsageError(`${where} needs <name>=<json> with a name of letters, digits, - or _, got "${name}"`)
  let parsed: unknown = json
  if (typeof json === 'string') {
    try { parsed = JSON.parse(json) }
    catch { throw new UsageError(`${where} ${name}: the template must be JSON`) }
  }
  const template = parsed as Record<string, unknown> | null
  if (!template || typeof template !== 'object' || Array.isArray(template)) throw new UsageError(`${where} ${name}: the template must be a JSON object`)
  const claims = template.claims
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new UsageError(`${where} ${name}: "claims" must be a JSON object`)
  const seconds = (key: string, fallback: number, min: number): number => {
    const value = template[key] ?? fallback
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > 315_360_000) throw new UsageError(`${where} ${name}: "${key}" must be an integer number of seconds from ${min}`)
    return value as number
  }
  return { name, claims: claims as Record<string, unknown>, lifetime: seconds('lifetime', 60, 30), allowedClockSkew: seconds('allowed_clock_skew', 5, 0) }
}

function templatesFromEnv(raw: string, where: string): JwtTemplateOption[] {
  let parsed: unknown
  try { parsed = JSON.parse(raw) }
  catch { throw new UsageError(`${where} must be a JSON object of name: template`) }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${where} must be a JSON object of name: template`)
  return Object.entries(parsed).map(([name, template]) => jwtTemplate(name, template, where))
}

/** `google,github` or `oauth_google`: each must be a provider Clerk knows; the result is strategies, without repeats. */
function socialConnections(raw: string, where: string): string[] {
  const names = raw.split(',').map(s => s.trim().toLowerCase()).filter(Boolean)
  const strategies = names.map((name) => {
    const provider = oauthProvider(name)
    if (!provider) throw new UsageError(`${where}: "${name}" is not a social connection Clerk knows; one of ${OAUTH_PROVIDERS.map(p => p.strategy.slice(6)).join(', ')}`)
    return provider.strategy
  })
  return [...new Set(strategies)]
}

function normalizeOrigin(value: string, where: string): string {
  let url: URL
  try { url = new URL(value) }
  catch { throw new UsageError(`${where} must be an origin like http://localhost:3000, got "${value}"`) }
  if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new UsageError(`${where} must be an origin like http://localhost:3000 (no path), got "${value}"`)
  }
  return url.origin
}

export type ParsedCli = { help: true } | { help: false, options: Partial<EmulatorOptions> }

const LISTS: readonly Kind[] = ['list', 'urls', 'template']

/** A JSON value from the --config file, read as its flag would read it. */
function convertFromFile(spec: FlagSpec, value: unknown, where: string): unknown {
  if (spec.kind === 'boolean' && typeof value === 'boolean') return value
  if (spec.kind === 'int' && typeof value === 'number') return convert(spec, String(value), where)
  if (spec.kind === 'json' && value && typeof value === 'object' && !Array.isArray(value)) return value
  if (spec.kind === 'template' && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).map(([name, template]) => jwtTemplate(name, template, where))
  }
  if ((spec.kind === 'list' || spec.kind === 'urls' || spec.kind === 'identifiers' || spec.kind === 'social') && Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return convert(spec, value.join(','), where)
  }
  if (typeof value === 'string' && spec.kind !== 'template') return convert(spec, value, where)
  throw new UsageError(`${where} has a value of the wrong type`)
}

function readConfigFile(file: string): Partial<EmulatorOptions> {
  let text: string
  try { text = readFileSync(file, 'utf8') }
  catch (error) { throw new UsageError(`--config: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`) }
  let parsed: unknown
  try { parsed = JSON.parse(text) }
  catch { throw new UsageError(`--config: ${file} is not valid JSON`) }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--config: ${file} must hold a JSON object of flag names`)
  const options: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(parsed)) {
    const spec = FLAGS.find(f => f.name === key)
    if (!spec || spec.name === 'config') throw new UsageError(`--config: unknown setting "${key}" in ${file}`)
    options[spec.option] = convertFromFile(spec, value, `"${key}" in ${file}`)
  }
  return options as Partial<EmulatorOptions>
}

/** Flags override environment variables, which override the --config file; `--origin` may repeat and adds up. */
export function parseCli(argv: string[], env: Record<string, string | undefined>): ParsedCli {
  const fromEnv: Record<string, unknown> = {}
  for (const spec of FLAGS) {
    const raw = env[spec.env]
    if (raw !== undefined && raw !== '') fromEnv[spec.option] = convert(spec, raw, spec.env)
  }
  const fromFlags = new Map<string, unknown>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') return { help: true }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`)
    const eq = arg.indexOf('=')
    let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    let inline = eq === -1 ? undefined : arg.slice(eq + 1)
    let negated = false
    if (name.startsWith('no-') && FLAGS.some(f => f.name === name.slice(3) && f.kind === 'boolean')) {
      name = name.slice(3)
      negated = true
    }
    const spec = FLAGS.find(f => f.name === name)
    if (!spec) throw new UsageError(`unknown option --${name}`)
    const where = `--${spec.name}`
    let value: unknown
    if (spec.kind === 'boolean') {
      if (negated) {
        if (inline !== undefined) throw new UsageError(`--no-${name} takes no value`)
        value = false
      }
      else if (inline !== undefined) {
        value = parseBoolean(inline, where)
      }
      else if (argv[i + 1] !== undefined && (TRUE.has(argv[i + 1]!.toLowerCase()) || FALSE.has(argv[i + 1]!.toLowerCase()))) {
        value = parseBoolean(argv[++i]!, where)
      }
      else {
        value = true
      }
    }
    else {
      if (inline === undefined) {
        const next = argv[i + 1]
        if (next === undefined || next.startsWith('--')) throw new UsageError(`${where} needs a value`)
        inline = next
        i++
      }
      value = convert(spec, inline, where)
    }
    if (LISTS.includes(spec.kind)) {
      // Repeated --origin, --webhook-url and --jwt-template flags add up, and replace (not extend) the environment's list.
      const previous = (fromFlags.get(spec.option) as unknown[] | undefined) ?? []
      value = [...previous, ...(value as unknown[])]
    }
    fromFlags.set(spec.option, value)
  }
  const configFile = (fromFlags.get('configFile') ?? fromEnv.configFile) as string | undefined
  const fromFile = configFile ? readConfigFile(configFile) : {}
  return { help: false, options: { ...fromFile, ...fromEnv, ...Object.fromEntries(fromFlags) } }
}
