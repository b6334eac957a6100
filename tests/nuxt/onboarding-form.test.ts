import { flushPromises } from '@vue/test-utils'
import { mockNuxtImport, mountSuspended, registerEndpoint } from '@nuxt/test-utils/runtime'
import { createError, readBody } from 'h3'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import OnboardingForm from '~/components/OnboardingForm.vue'

// Clerk's composables, as the form uses them: a token refresh, the user and the session.
const clerk = await vi.hoisted(async () => {
  const { ref } = await import('vue')
  return {
    getToken: vi.fn(async () => 'token'),
    reloadUser: vi.fn(async () => {}),
    reloadSession: vi.fn(async () => {}),
    ref,
  }
})
mockNuxtImport('useAuth', () => () => ({ getToken: clerk.ref(clerk.getToken), isSignedIn: clerk.ref(true) }))
mockNuxtImport('useUser', () => () => ({ user: clerk.ref({ reload: clerk.reloadUser, publicMetadata: {} }) }))
mockNuxtImport('useSession', () => () => ({ session: clerk.ref({ reload: clerk.reloadSession }) }))

// What POST /api/complete-onboarding answers in each test.
let answer: () => unknown = () => ({ success: true })
const posted: unknown[] = []
registerEndpoint('/api/complete-onboarding', {
  method: 'POST',
  handler: async (event) => {
    posted.push(await readBody(event))
    return answer()
  },
})

const FAMILY = '👨‍👩‍👧‍👦'

const onSaved = vi.fn()

async function mountForm(initial?: { applicationName?: string, applicationType?: string }) {
  await useNuxtApp().$i18n.setLocale('ko')
  return mountSuspended(OnboardingForm, { props: { submitLabel: '제출', initial, onSaved }, attachTo: document.body })
}

async function submit(wrapper: Awaited<ReturnType<typeof mountForm>>) {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  await nextTick()
}

beforeEach(() => {
  posted.length = 0
  answer = () => ({ success: true })
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('OnboardingForm', () => {
  it('accepts twenty family emoji as twenty characters, sends them and reports them saved', async () => {
    const wrapper = await mountForm()
    await wrapper.find('#applicationName').setValue(FAMILY.repeat(20))
    await wrapper.find('#applicationType').setValue('가족 앱')
    // The input must not cut what the schema accepts: no UTF-16 maxlength.
    expect(wrapper.find('#applicationName').attributes('maxlength')).toBeUndefined()
    await submit(wrapper)
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith({ applicationName: FAMILY.repeat(20), applicationType: '가족 앱' }))
    expect(posted).toEqual([{ applicationName: FAMILY.repeat(20), applicationType: '가족 앱' }])
    expect(clerk.getToken).toHaveBeenCalledWith({ skipCache: true })
    expect(clerk.reloadUser).toHaveBeenCalled()
  })

  it('refuses a name of zero-width characters with the field message, focuses the field, sends nothing', async () => {
    const wrapper = await mountForm()
    await wrapper.find('#applicationName').setValue('\u200B\u200D\u3164')
    await wrapper.find('#applicationType').setValue('웹')
    await submit(wrapper)
    expect(wrapper.find('#applicationName-error').text()).toBe('애플리케이션 이름을 입력해 주세요.')
    expect(wrapper.find('#applicationName').attributes('aria-invalid')).toBe('true')
    expect(document.activeElement?.id).toBe('applicationName')
    expect(posted).toEqual([])
  })

  it('says one more than the limit in graphemes is too long', async () => {
    const wrapper = await mountForm()
    await wrapper.find('#applicationName').setValue('웹')
    await wrapper.find('#applicationType').setValue(FAMILY.repeat(51))
    await submit(wrapper)
    expect(wrapper.find('#applicationType-error').text()).toBe('애플리케이션 유형은 50자 이하로 입력해 주세요.')
    expect(document.activeElement?.id).toBe('applicationType')
  })

  /** Submits valid input to an API that answers `statusCode` with `code`; returns the form and its error. */
  async function submitAgainstFailure(statusCode: number, code: string) {
    answer = () => {
      throw createError({ statusCode, data: { code } })
    }
    const wrapper = await mountForm()
    await wrapper.find('#applicationName').setValue('내 앱')
    await wrapper.find('#applicationType').setValue('웹')
    await submit(wrapper)
    await vi.waitFor(() => expect(wrapper.find('[data-testid=form-error]').exists()).toBe(true))
    await nextTick()
    return { wrapper, error: wrapper.find('[data-testid=form-error]') }
  }

  it('moves focus to the form\'s error after a 502 and keeps the input', async () => {
    const { wrapper, error } = await submitAgainstFailure(502, 'clerk_error')
    expect(error.text()).toBe('인증 서비스와 통신하지 못했어요. 잠시 후 다시 시도해 주세요.')
    expect(document.activeElement).toBe(error.element)
    expect((wrapper.find('#applicationName').element as HTMLInputElement).value).toBe('내 앱')
    expect(onSaved).not.toHaveBeenCalled()
  })

  it('moves focus to the form\'s error after a 401 and asks clerk-js whether the session still exists', async () => {
    const { error } = await submitAgainstFailure(401, 'unauthenticated')
    expect(error.text()).toBe('로그인이 필요해요.')
    expect(document.activeElement).toBe(error.element)
    expect(clerk.reloadSession).toHaveBeenCalledTimes(1)
  })
})

describe('useOnboardingForm', () => {
  async function mountComposable(initial = { applicationName: '옛 이름', applicationType: '웹' }) {
    let state!: ReturnType<typeof useOnboardingForm>
    const wrapper = await mountSuspended(defineComponent({
      setup() {
        state = useOnboardingForm(initial)
        return () => h('div')
      },
    }))
    return { state, wrapper }
  }

  it('reports unsaved input while it differs from what was saved, and not after it is saved or unmounted', async () => {
    const { state, wrapper } = await mountComposable()
    const { dirty } = useUnsavedEdit()
    await nextTick()
    expect(dirty.value).toBe(false)
    state.form.applicationName = '새 이름'
    await nextTick()
    expect(dirty.value).toBe(true)
    expect(await state.submit()).toBe(true)
    await nextTick()
    expect(dirty.value).toBe(false)
    state.form.applicationType = '앱'
    await nextTick()
    expect(dirty.value).toBe(true)
    wrapper.unmount()
    expect(dirty.value).toBe(false)
  })

  it('checks the shared schema before sending and clears a field\'s message when it is edited', async () => {
    const { state } = await mountComposable({ applicationName: '', applicationType: '\u2060' })
    expect(await state.submit()).toBe(false)
    expect(state.fieldErrors.value).toEqual({ applicationName: '애플리케이션 이름을 입력해 주세요.', applicationType: '애플리케이션 유형을 입력해 주세요.' })
    state.clearFieldError('applicationName')
    expect(state.fieldErrors.value).toEqual({ applicationType: '애플리케이션 유형을 입력해 주세요.' })
    expect(posted).toEqual([])
  })
})
