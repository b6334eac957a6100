import { mockNuxtImport, mountSuspended } from '@nuxt/test-utils/runtime'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { RouteLocationNormalized } from 'vue-router'
import onboardingGate from '~/middleware/onboarding.global'
import DashboardPage from '~/pages/dashboard.vue'
import { SESSION_CHECK_MS } from '~/composables/useSessionWatch'
import { messages } from '#shared/messages'
import { FIELD_NAMES, specOf } from '#shared/onboarding-fields'

const ONBOARDED = { onboardingComplete: true, applicationName: '기존 앱', applicationType: '웹' }

// Clerk's state as @clerk/vue's composables expose it; each test sets what it needs.
const clerk = await vi.hoisted(async () => {
  const { computed, ref, shallowRef } = await import('vue')
  return {
    isSignedIn: ref<boolean | undefined>(true),
    userId: ref<string | null>('user_1'),
    sessionClaims: ref<Record<string, unknown> | null>(null),
    user: ref<Record<string, unknown> | null>(null),
    client: shallowRef<Record<string, unknown> | undefined>(undefined),
    loaded: ref(true),
    // The session clerk-js holds: `pending` with a task left to finish (Clerk counts it as signed out).
    sessionStatus: ref<'active' | 'pending'>('active'),
    task: ref<string | undefined>(undefined),
    reloadSession: vi.fn(async () => {}),
    navigateTo: vi.fn(),
    // Our server's GET /api/onboarding-status, as the gate asks it when the token has no claim.
    status: vi.fn(async (_url: string, _options?: unknown): Promise<{ onboardingComplete: boolean }> => ({ onboardingComplete: true })),
    ref,
    computed,
  }
})
mockNuxtImport('useAuth', () => () => ({ isSignedIn: clerk.isSignedIn, userId: clerk.userId, sessionClaims: clerk.sessionClaims, getToken: clerk.ref(async () => 'token') }))
mockNuxtImport('useUser', () => () => ({ user: clerk.user }))
mockNuxtImport('useClerk', () => () => clerk.computed(() => ({ loaded: clerk.loaded.value, client: clerk.client.value })))
mockNuxtImport('useSession', () => () => ({
  // Before clerk-js has loaded there is no session object (the server's initial state carries none).
  session: clerk.computed(() => clerk.loaded.value ? { reload: clerk.reloadSession, status: clerk.sessionStatus.value, currentTask: clerk.task.value ? { key: clerk.task.value } : null } : undefined),
}))
mockNuxtImport('navigateTo', () => clerk.navigateTo)
mockNuxtImport('useRequestFetch', () => () => clerk.status)

function signIn(metadata: Record<string, unknown> = ONBOARDED) {
  clerk.isSignedIn.value = true
  clerk.sessionClaims.value = { metadata, firstName: '지우' }
  clerk.user.value = { firstName: '지우', publicMetadata: metadata }
}

function signOut() {
  clerk.isSignedIn.value = false
  clerk.sessionClaims.value = null
  clerk.user.value = null
}

/** A session with a task to finish: clerk-js holds it, and reports it signed out as Clerk does. */
function pendingTask(task = 'choose-organization') {
  signOut()
  clerk.userId.value = null
  clerk.sessionStatus.value = 'pending'
  clerk.task.value = task
}

function route(fullPath: string, name?: string): RouteLocationNormalized {
  const url = new URL(fullPath, 'http://app.test')
  return { path: url.pathname, fullPath, name, query: Object.fromEntries(url.searchParams), params: {}, hash: '', matched: [], meta: {}, redirectedFrom: undefined } as unknown as RouteLocationNormalized
}

beforeEach(async () => {
  vi.clearAllMocks()
  clerk.client.value = undefined
  clerk.loaded.value = true
  clerk.sessionStatus.value = 'active'
  clerk.task.value = undefined
  clerk.userId.value = 'user_1'
  useState('onboarding-answer').value = null
  useState('session-pending').value = false
  signIn()
  await useNuxtApp().$i18n.setLocale('ko')
})

// Mounted components stay mounted between tests unless unmounted: each test starts alone.
const mounted: Array<{ unmount: () => void }> = []
async function mount(...args: Parameters<typeof mountSuspended>) {
  const wrapper = await mountSuspended(...args)
  mounted.push(wrapper)
  return wrapper
}

afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  vi.useRealTimers()
})

describe('useOnboardingState', () => {
  async function state() {
    let result!: ReturnType<typeof useOnboardingState>
    await mount(defineComponent({
      setup() {
        result = useOnboardingState()
        return () => h('div')
      },
    }))
    return result
  }

  it('reads signed-in and onboarded from the session claims, or from a freshly reloaded user', async () => {
    expect({ ...await state() }).toMatchObject({ signedIn: { value: true }, onboarded: { value: true } })
    clerk.sessionClaims.value = { metadata: {} }
    expect((await state()).onboarded.value).toBe(true)
    clerk.user.value = { publicMetadata: {} }
    expect((await state()).onboarded.value).toBe(false)
    signOut()
    expect((await state()).signedIn.value).toBe(false)
  })

  it('while clerk-js switches sessions, answers with the session it is setting', async () => {
    signOut()
    clerk.isSignedIn.value = undefined
    clerk.client.value = { lastActiveSessionId: 'sess_new', signedInSessions: [{ id: 'sess_new', status: 'active', user: { publicMetadata: { onboardingComplete: true } } }] }
    const switching = await state()
    expect([switching.signedIn.value, switching.onboarded.value]).toEqual([true, true])
    clerk.client.value = { lastActiveSessionId: null, signedInSessions: [] }
    expect((await state()).signedIn.value).toBe(false)
  })
})

describe('middleware/onboarding.global.ts', () => {
  const run = (to: string, from = '/') => onboardingGate(route(to), route(from))

  it('sends a signed-out visitor of a protected page to sign-in with the way back', async () => {
    signOut()
    await run('/dashboard?tab=2')
    expect(clerk.navigateTo).toHaveBeenCalledWith('/sign-in?redirect_url=%2Fdashboard%3Ftab%3D2', { redirectCode: 302 })
  })

  it('lets a new account that clerk-js is still activating go straight to onboarding (no /sign-in hop)', async () => {
    signOut()
    clerk.isSignedIn.value = undefined
    clerk.client.value = { lastActiveSessionId: 'sess_new', signedInSessions: [{ id: 'sess_new', status: 'active', user: { publicMetadata: {} } }] }
    await run('/onboarding', '/sign-up')
    expect(clerk.navigateTo).not.toHaveBeenCalled()
    await run('/dashboard', '/sign-up')
    expect(clerk.navigateTo).toHaveBeenCalledWith('/onboarding', { redirectCode: 302 })
  })

  it('keeps the way back when Clerk sends a page whose session ended to the bare sign-in URL', async () => {
    signOut()
    await run('/sign-in', '/dashboard')
    expect(clerk.navigateTo).toHaveBeenCalledWith('/sign-in?redirect_url=%2Fdashboard', { replace: true })
    clerk.navigateTo.mockClear()
    await run('/sign-in', '/')
    await run('/sign-in?redirect_url=%2Fdashboard', '/dashboard')
    expect(clerk.navigateTo).not.toHaveBeenCalled()
  })

  it('sends onboarded users away from the form and others to it', async () => {
    await run('/onboarding')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/dashboard', { redirectCode: 302 })
    signIn({})
    await run('/dashboard')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/onboarding', { redirectCode: 302 })
  })
})

describe('the gate with a pending session (a Clerk session task left to finish)', () => {
  const run = (to: string, from = '/') => onboardingGate(route(to), route(from))

  it('sends a protected page to the task clerk-js names, with the way back, never to the form', async () => {
    pendingTask()
    await run('/dashboard?tab=2')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/sign-in/tasks/choose-organization?redirect_url=%2Fdashboard%3Ftab%3D2', { redirectCode: 302 })
    await run('/onboarding')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/sign-in/tasks/choose-organization?redirect_url=%2Fonboarding', { redirectCode: 302 })
    clerk.navigateTo.mockClear()
    await run('/sign-in/tasks/choose-organization?redirect_url=%2Fdashboard')
    await run('/')
    expect(clerk.navigateTo).not.toHaveBeenCalled()
    expect(clerk.status).not.toHaveBeenCalled()
  })

  it('before clerk-js has loaded, follows the server\'s verdict carried in the payload', async () => {
    pendingTask()
    clerk.loaded.value = false
    useState('session-pending').value = true
    await run('/dashboard')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/sign-in/tasks?redirect_url=%2Fdashboard', { redirectCode: 302 })
    // Once loaded, clerk-js's session decides: this one finished its task and signed out since.
    clerk.loaded.value = true
    clerk.sessionStatus.value = 'active'
    await run('/dashboard')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/sign-in?redirect_url=%2Fdashboard', { redirectCode: 302 })
  })

  it('does not count a pending session clerk-js is switching to as signed in', async () => {
    signOut()
    clerk.isSignedIn.value = undefined
    clerk.client.value = { lastActiveSessionId: 'sess_new', signedInSessions: [{ id: 'sess_new', status: 'pending', user: { publicMetadata: ONBOARDED } }] }
    await run('/dashboard', '/sign-in')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/sign-in?redirect_url=%2Fdashboard', { redirectCode: 302 })
  })

  it('lets the session in once the task is done, and then to onboarding if it is not done', async () => {
    pendingTask()
    await run('/dashboard')
    signIn({})
    clerk.sessionStatus.value = 'active'
    clerk.task.value = undefined
    await run('/dashboard', '/sign-in/tasks/choose-organization')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/onboarding', { redirectCode: 302 })
  })
})

describe('the gate with a session token without the metadata claim', () => {
  const run = (to: string) => onboardingGate(route(to), route('/'))
  // As on the server and in the browser before clerk-js has loaded the user.
  function signInWithoutClaim() {
    clerk.sessionClaims.value = { firstName: '지우' }
    clerk.user.value = undefined as unknown as null
  }

  it('asks the server once, keeps its answer for that user, and lets an onboarded user in', async () => {
    signInWithoutClaim()
    await run('/dashboard')
    expect(clerk.status).toHaveBeenCalledTimes(1)
    expect(clerk.status.mock.calls[0]![0]).toBe('/api/onboarding-status')
    expect(clerk.navigateTo).not.toHaveBeenCalled()
    await run('/onboarding')
    expect(clerk.status).toHaveBeenCalledTimes(1)
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/dashboard', { redirectCode: 302 })
    // Another user signed in on this page does not inherit the answer.
    clerk.userId.value = 'user_2'
    clerk.status.mockResolvedValueOnce({ onboardingComplete: false })
    await run('/dashboard')
    expect(clerk.status).toHaveBeenCalledTimes(2)
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/onboarding', { redirectCode: 302 })
  })

  it('decides from clerk-js\'s user once it is loaded, without asking (right after the write, too)', async () => {
    signInWithoutClaim()
    clerk.user.value = { publicMetadata: {} }
    await run('/dashboard')
    expect(clerk.navigateTo).toHaveBeenLastCalledWith('/onboarding', { redirectCode: 302 })
    clerk.user.value = { publicMetadata: ONBOARDED }
    clerk.navigateTo.mockClear()
    await run('/dashboard')
    expect(clerk.navigateTo).not.toHaveBeenCalled()
    expect(clerk.status).not.toHaveBeenCalled()
  })

  it('does not ask on Clerk\'s pages, and shows an error rather than the form when the server cannot say', async () => {
    signInWithoutClaim()
    await run('/sign-in/factor-one')
    expect(clerk.status).not.toHaveBeenCalled()
    clerk.status.mockRejectedValueOnce(Object.assign(new Error('busy'), { statusCode: 503 }))
    await expect(run('/dashboard')).rejects.toMatchObject({ statusCode: 503 })
    expect(clerk.navigateTo).not.toHaveBeenCalled()
  })

  it('tells the developer of a development instance in the browser console, once, what to paste where', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    signInWithoutClaim()
    const clerkConfig = useRuntimeConfig().public.clerk as { publishableKey?: string }
    const key = clerkConfig.publishableKey
    clerkConfig.publishableKey = 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k'
    vi.resetModules()
    await (await import('~/middleware/onboarding.global')).default(route('/dashboard'), route('/'))
    expect(error).not.toHaveBeenCalled()
    clerkConfig.publishableKey = 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k'
    // A fresh copy of the gate, as in a page just loaded (earlier tests here already told this one).
    vi.resetModules()
    const { default: gate } = await import('~/middleware/onboarding.global')
    await gate(route('/dashboard'), route('/'))
    await gate(route('/'), route('/dashboard'))
    const told = error.mock.calls.filter(([line]) => String(line).includes('Sessions → Customize session token'))
    error.mockRestore()
    clerkConfig.publishableKey = key
    expect(told).toHaveLength(1)
    expect(told[0]![0]).toContain('{"metadata": "{{user.public_metadata}}"}')
  })
})

describe('the dashboard page', () => {
  it('shows the application from the session, and nothing of it once the session ends', async () => {
    const page = await mount(DashboardPage)
    expect(page.find('[data-testid=application-name]').text()).toBe('기존 앱')
    expect(page.text()).toContain('지우님, 환영해요!')
    signOut()
    await nextTick()
    expect(page.find('[data-testid=application-info]').exists()).toBe(false)
    expect(page.text()).not.toContain('기존 앱')
    expect(page.text()).not.toContain('지우')
  })

  it('lists the table\'s dashboard fields with their labels, and a value of the wrong kind as nothing', async () => {
    signIn({ ...ONBOARDED, applicationType: 42 })
    const page = await mount(DashboardPage)
    const rows = page.findAll('[data-testid=application-info] dt').map(label => label.text())
    expect(rows).toEqual(FIELD_NAMES.filter(field => specOf(field).dashboard).map(field => messages.ko.fields[field].label))
    expect(page.find('[data-testid=application-name]').text()).toBe('기존 앱')
    expect(page.find('[data-testid=application-type]').text()).toBe('')
  })
})

describe('useSessionWatch', () => {
  const Watcher = defineComponent({
    setup() {
      useSessionWatch()
      return () => h('div')
    },
  })

  it('leaves a protected page for sign-in with the way back the moment the session ends, saying an edit was lost', async () => {
    await mount(Watcher, { route: '/dashboard?tab=2' })
    useUnsavedEdit().dirty.value = true
    clerk.navigateTo.mockClear()
    signOut()
    await nextTick()
    expect(clerk.navigateTo).toHaveBeenCalledWith('/sign-in?redirect_url=%2Fdashboard%3Ftab%3D2', { replace: true })
    expect(useUnsavedEdit().lost.value).toBe(true)
  })

  it('leaves a protected page for the task when the session turns pending (a task to finish)', async () => {
    await mount(Watcher, { route: '/dashboard?tab=2' })
    clerk.navigateTo.mockClear()
    pendingTask('reset-password')
    await nextTick()
    expect(clerk.navigateTo).toHaveBeenCalledWith('/sign-in/tasks/reset-password?redirect_url=%2Fdashboard%3Ftab%3D2', { replace: true })
  })

  it('stays on public pages, and while clerk-js is only switching sessions', async () => {
    await mount(Watcher, { route: '/dashboard' })
    clerk.navigateTo.mockClear()
    clerk.isSignedIn.value = undefined
    await nextTick()
    expect(clerk.navigateTo).not.toHaveBeenCalled()
    await mount(Watcher, { route: '/' })
    clerk.navigateTo.mockClear()
    signOut()
    await nextTick()
    expect(clerk.navigateTo).not.toHaveBeenCalled()
  })

  it('asks Clerk about the session every check interval while the page is visible, and when it is shown again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const watcher = await mount(Watcher, { route: '/dashboard' })
    vi.advanceTimersByTime(SESSION_CHECK_MS - 1)
    expect(clerk.reloadSession).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(clerk.reloadSession).toHaveBeenCalledTimes(1)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(clerk.reloadSession).toHaveBeenCalledTimes(2)
    // A hidden tab does not poll; it checks when shown (above).
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
    vi.advanceTimersByTime(SESSION_CHECK_MS)
    delete (document as { visibilityState?: unknown }).visibilityState
    expect(clerk.reloadSession).toHaveBeenCalledTimes(2)
    watcher.unmount()
    mounted.pop()
    vi.advanceTimersByTime(SESSION_CHECK_MS)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(clerk.reloadSession).toHaveBeenCalledTimes(2)
  })
})
