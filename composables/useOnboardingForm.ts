import { FIELD_NAMES, fieldMessages, type FieldErrorCodes, type OnboardingField, type OnboardingInput } from '#shared/onboarding-fields'

// The zod schema is not part of the page's first load: it is fetched once the person starts on the
// form (prepare()), or at the latest on submit.
const loadSchema = () => import('#shared/onboarding')

/**
 * State and submit logic of the onboarding form (first onboarding and later edits alike): checks
 * the shared schema before sending, posts, and on success fetches a fresh session token and user,
 * so the gate and the dashboard see the new metadata at once (the tutorial's stale-token bounce).
 * Nothing the user typed is lost on an error; input not yet saved is reported to useUnsavedEdit,
 * so the sign-in page can say so if the session ends first.
 */
export function useOnboardingForm(initial: Partial<Record<OnboardingField, string | number | null>> = {}) {
  const { t, te, locale } = useI18n()
  const { getToken } = useAuth()
  const { user } = useUser()
  const { session } = useSession()
  const { dirty } = useUnsavedEdit()

  const form = reactive(Object.fromEntries(FIELD_NAMES.map(field => [field, String(initial[field] ?? '')])) as OnboardingInput)
  const fieldCodes = ref<FieldErrorCodes>({})
  const errorCode = ref<string | null>(null)
  const serverMessage = ref<string | undefined>()
  const pending = ref(false)
  const saved = reactive({ ...form })

  watchEffect(() => {
    dirty.value = FIELD_NAMES.some(field => form[field] !== saved[field])
  })
  onBeforeUnmount(() => {
    dirty.value = false
  })

  const fieldErrors = computed(() => fieldMessages(fieldCodes.value, locale.value))
  const formError = computed(() => {
    if (!errorCode.value) return ''
    const key = `errors.${errorCode.value}`
    return te(key) ? t(key) : (serverMessage.value ?? t('errors.network'))
  })

  async function submit(): Promise<boolean> {
    if (pending.value) return false
    errorCode.value = null
    const schema = await loadSchema().catch(() => undefined)
    if (!schema) {
      errorCode.value = 'network'
      return false
    }
    const { onboardingSchema, fieldErrorCodesOf } = schema
    if (pending.value) return false
    const parsed = onboardingSchema.safeParse(form)
    if (!parsed.success) {
      fieldCodes.value = fieldErrorCodesOf(parsed.error)
      return false
    }
    fieldCodes.value = {}
    pending.value = true
    try {
      await $fetch('/api/complete-onboarding', { method: 'POST', body: parsed.data })
      await getToken.value({ skipCache: true })
      await user.value?.reload()
      Object.assign(saved, form)
      return true
    }
    catch (error) {
      fieldCodes.value = fieldCodesFromApi(error)
      errorCode.value = apiErrorCode(error)
      serverMessage.value = apiErrorMessage(error)
      // Our API no longer accepts the session: ask clerk-js, which signs out if Clerk agrees (and
      // the session watcher then leaves the page); otherwise the message stays and a retry may pass.
      if (apiErrorStatus(error) === 401) await session.value?.reload().catch(() => {})
      return false
    }
    finally {
      pending.value = false
    }
  }

  /** Editing a field takes its stale message away; the next submit checks it again. */
  function clearFieldError(field: OnboardingField) {
    if (!fieldCodes.value[field]) return
    const { [field]: _, ...rest } = fieldCodes.value
    fieldCodes.value = rest
  }

  /** Fetches the schema ahead of the submit that needs it. */
  function prepare() {
    loadSchema().catch(() => {})
  }

  return { form, fieldErrors, formError, pending, submit, clearFieldError, prepare }
}
