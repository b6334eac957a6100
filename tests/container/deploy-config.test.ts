import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isMap, parseDocument } from 'yaml'
import { isIgnored, listBuildContext, parseDockerignore } from './support/docker-context'
import { keyValues, parseDockerfile, stageEnv, type Stage } from './support/dockerfile'

// The rules of issue #5 for the image and the pipeline, read from the files themselves.

const root = fileURLToPath(new URL('../..', import.meta.url))
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8')
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE|CREDENTIAL|_KEY\b|^KEY/i

describe('Dockerfile', () => {
  const dockerfile = parseDockerfile(read('Dockerfile'))
  const { stages } = dockerfile
  const runtime = stages.at(-1)!
  const named = (stage: Stage) => stage.instructions.map(i => `${i.keyword} ${i.args}`)

  it('is multi-stage on a pinned Node 24 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    const nodeMajor = read('.nvmrc').trim()
    expect(nodeMajor).toBe('24')
    for (const stage of stages.filter(s => !stages.some(other => other.name === s.from))) {
      // A full version (optionally a digest), never `node:24` or `node:lts` that moves under us.
      expect(stage.from).toMatch(/^node:24\.\d+\.\d+(-[a-z0-9-]+)?(@sha256:[0-9a-f]{64})?$/)
    }
  })

  it('installs dependencies from the lockfile before copying the sources', () => {
    const steps = stages.slice(0, -1).flatMap(named)
    const install = steps.findIndex(step => /^RUN npm ci\b/.test(step))
    const sources = steps.findIndex(step => /^COPY \.\s/.test(step))
    expect(install).toBeGreaterThan(-1)
    expect(sources).toBeGreaterThan(install)
    const manifests = steps.slice(0, install).filter(step => step.startsWith('COPY'))
    expect(manifests.join(' ')).toContain('package-lock.json')
    for (const copy of manifests) expect(copy).toMatch(/^COPY (\S*package(-lock)?\.json\s+)+\S+$/)
  })

  it('ships only .output in the runtime stage, as user node, started with node', () => {
    const copies = runtime.instructions.filter(i => i.keyword === 'COPY' || i.keyword === 'ADD')
    expect(copies).toHaveLength(1)
    expect(copies[0]!.args).toMatch(/^--from=\S+\s+\/app\/\.output\s+\.\/\.output$/)
    const keywords = runtime.instructions.map(i => i.keyword)
    expect(runtime.instructions.filter(i => i.keyword === 'USER').map(i => i.args)).toEqual(['node'])
    expect(keywords.indexOf('USER')).toBeGreaterThan(keywords.indexOf('COPY'))
    expect(runtime.instructions.filter(i => i.keyword === 'RUN')).toEqual([])
    const cmd = runtime.instructions.filter(i => i.keyword === 'CMD')
    expect(cmd).toHaveLength(1)
    expect(JSON.parse(cmd[0]!.args)).toEqual(['node', '.output/server/index.mjs'])
    expect(keywords.at(-1)).toBe('CMD')
  })

  it('runs in production mode and drains within Cloud Run\'s 10 s', () => {
    const env = stageEnv(runtime)
    expect(env.NODE_ENV).toBe('production')
    expect(Number(env.NITRO_SHUTDOWN_TIMEOUT)).toBeGreaterThan(0)
    expect(Number(env.NITRO_SHUTDOWN_TIMEOUT)).toBeLessThan(10_000)
    // Nitro reads PORT; Cloud Run sets it, so the image may only default it.
    expect(env.NITRO_PORT).toBeUndefined()
  })

  it('bakes no secret into any layer: no secret-named ENV or ARG, no .env copied', () => {
    const declared = [
      ...Object.keys(dockerfile.globalArgs),
      ...stages.flatMap(stage => stage.instructions.filter(i => i.keyword === 'ENV' || i.keyword === 'ARG').flatMap(i => Object.keys(keyValues(i.args)))),
    ]
    expect(declared.filter(name => SECRET_NAME.test(name))).toEqual([])
    const all = stages.flatMap(named).join('\n')
    expect(all).not.toMatch(/\.env\b|sk_(live|test)_|--mount=type=secret/)
  })
})

describe('.dockerignore', () => {
  const rules = parseDockerignore(read('.dockerignore'))

  it('keeps secrets, local state and host builds out of the build context', () => {
    for (const path of ['.env', '.env.production', '.env.example', 'server/.env.local', '.data/clerk-emulator/keys.json',
      'emulator/.data/store.json', 'certs/tls.key', 'key.pem', '.npmrc', 'node_modules/nuxt/package.json',
      'emulator/node_modules/jose/package.json', '.output/server/index.mjs', '.nuxt/nuxt.d.ts', '.git/config', 'sa-credentials.json']) {
      expect(isIgnored(path, rules), path).toBe(true)
    }
  })

  it('keeps what `npm ci` and `nuxt build` need', () => {
    for (const path of ['package.json', 'package-lock.json', 'emulator/package.json', 'nuxt.config.ts', 'app.vue',
      'pages/index.vue', 'server/api/health.get.ts', 'server/plugins/logging.ts', 'shared/onboarding.ts', 'types/globals.d.ts']) {
      expect(isIgnored(path, rules), path).toBe(false)
    }
  })

  it('leaves no secret-looking file in the actual build context of this checkout', () => {
    const files = listBuildContext(root)
    expect(files).toContain('package-lock.json')
    expect(files.filter(file => /(^|\/)\.env|\.(pem|key|p12)$|(^|\/)\.npmrc$|(^|\/)\.data\//.test(file))).toEqual([])
  })
})

describe('cloudbuild.yaml', () => {
  const text = read('cloudbuild.yaml')
  const document = parseDocument(text)
  const config = document.toJS() as {
    substitutions: Record<string, string>
    steps: Array<{ id: string, name: string, args: string[], entrypoint?: string }>
    images: string[]
  }
  const deploy = config.steps.find(step => step.args.slice(0, 2).join(' ') === 'run deploy')!
  const flag = (name: string) => deploy.args.filter(arg => arg.startsWith(`--${name}=`) || arg === `--${name}`)

  it('builds, pushes to Artifact Registry and deploys that image to Cloud Run', () => {
    const image = /^\$\{_REGION\}-docker\.pkg\.dev\/\$\{PROJECT_ID\}\/\$\{_REPOSITORY\}\/\$\{_SERVICE\}:\$\{BUILD_ID\}$/
    const build = config.steps.find(step => step.args[0] === 'build')!
    expect(build.args.find(arg => arg.startsWith('--tag='))!.slice('--tag='.length)).toMatch(image)
    expect(config.steps.find(step => step.args[0] === 'push')!.args[1]).toMatch(image)
    expect(flag('image')[0]!.slice('--image='.length)).toMatch(image)
    expect(config.images).toHaveLength(1)
    expect(config.images[0]).toMatch(image)
  })

  it('never uses Container Registry for our image (gcr.io only names Google\'s build steps)', () => {
    const builders = new Set(config.steps.map(step => step.name))
    for (const builder of builders) expect(builder).toMatch(/^gcr\.io\/(cloud-builders|google\.com\/cloudsdktool)\//)
    const withoutBuilders = text.split('\n').filter(line => !/^\s*name:/.test(line) && !/^\s*#/.test(line)).join('\n')
    expect(withoutBuilders).not.toMatch(/gcr\.io|container registry/i)
  })

  it('takes the Clerk secret key from Secret Manager, never from a plain variable', () => {
    expect(flag('set-secrets')).toEqual(['--set-secrets=NUXT_CLERK_SECRET_KEY=${_CLERK_SECRET_NAME}:${_CLERK_SECRET_VERSION}'])
    const envVars = flag('set-env-vars').concat(flag('update-env-vars'))
    expect(envVars).toHaveLength(1)
    expect(envVars[0]).not.toMatch(/SECRET|sk_/)
    for (const name of ['NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'NUXT_CLERK_AUTHORIZED_PARTIES', 'GOOGLE_CLOUD_PROJECT']) {
      expect(envVars[0]).toContain(`${name}=`)
    }
    expect(text).not.toMatch(/sk_(live|test)_[A-Za-z0-9]|secretEnv|availableSecrets/)
  })

  it('sets concurrency, min/max instances, startup CPU boost and /api/health probes', () => {
    for (const name of ['concurrency', 'min-instances', 'max-instances', 'cpu-boost', 'region', 'service-account']) {
      expect(flag(name), name).toHaveLength(1)
    }
    expect(flag('startup-probe')[0]).toContain('httpGet.path=/api/health')
    expect(flag('liveness-probe')[0]).toContain('httpGet.path=/api/health')
    expect(Number(config.substitutions._MAX_INSTANCES)).toBeGreaterThanOrEqual(Number(config.substitutions._MIN_INSTANCES))
  })

  it('declares, documents and uses every substitution', () => {
    expect(isMap(document.get('substitutions'))).toBe(true)
    const declared = Object.keys(config.substitutions)
    // Each `  _NAME: value` line in the block directly follows a `  # what it is` line.
    const lines = text.split('\n')
    for (const name of declared) {
      expect(name).toMatch(/^_[A-Z0-9_]+$/)
      const at = lines.findIndex(line => line.startsWith(`  ${name}:`))
      expect(lines[at - 1], `${name} needs a comment saying what it is`).toMatch(/^\s+# \S/)
    }
    const body = text.slice(text.indexOf('\noptions:'))
    const used = new Set([...text.matchAll(/\$\{?(_[A-Z0-9_]+)\}?/g)].map(match => match[1]!))
    for (const name of used) expect(declared, `${name} is used but not declared`).toContain(name)
    // Cloud Build refuses a build whose substitutions are not all used.
    for (const name of declared) expect(body, `${name} is declared but not used`).toContain(name)
  })
})
