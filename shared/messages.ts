// Every user-facing string, in both languages. Pages read them through useI18n() (plugins/i18n.ts);
// the server uses the same table for API error messages, so the two never drift. Placeholders are
// `{name}`, filled in by format().

export const LOCALES = ['ko', 'en'] as const
export type Locale = typeof LOCALES[number]
export const DEFAULT_LOCALE: Locale = 'ko'
/** Cookie that remembers the visitor's language (written by plugins/i18n.ts, read by pages and the API). */
export const LOCALE_COOKIE = 'locale'

// Korean in the polite register (해요체) that Clerk's components use, so the app reads as one voice.
const ko = {
  app: { name: '온보딩 데모' },
  nav: { signIn: '로그인', signUp: '회원가입', dashboard: '대시보드', language: '언어', skip: '본문으로 건너뛰기' },
  home: {
    title: 'Clerk 로그인과 온보딩',
    lead: '로그인하고 애플리케이션 정보를 입력하면 대시보드를 쓸 수 있어요.',
    start: '시작하기',
    toDashboard: '대시보드로 이동',
  },
  auth: { signInTitle: '로그인', signUpTitle: '회원가입', loading: '로그인 화면을 불러오는 중...' },
  onboarding: {
    title: '온보딩',
    welcome: '환영해요!',
    lead: '시작하기 전에 만들고 있는 애플리케이션을 알려 주세요. 나중에 대시보드에서 바꿀 수 있어요.',
    submit: '저장하고 대시보드로 이동',
    pending: '저장하는 중...',
  },
  form: {
    count: '{count}/{max}자',
    overLimit: '{max}자를 넘었어요. 줄여야 저장할 수 있어요.',
  },
  session: { unsaved: '로그아웃되어 변경 사항을 저장하지 못했어요. 다시 로그인한 뒤 입력해 주세요.' },
  dashboard: {
    title: '대시보드',
    welcome: '환영해요!',
    welcomeNamed: '{name}님, 환영해요!',
    edit: '수정',
    cancel: '취소',
    save: '저장',
    saved: '저장했어요.',
  },
  fields: {
    applicationName: {
      label: '애플리케이션 이름',
      noun: '애플리케이션 이름',
      help: '대시보드에 이 이름으로 표시돼요.',
      placeholder: '예: 우리 가족 가계부',
    },
    applicationType: {
      label: '애플리케이션 유형',
      noun: '애플리케이션 유형',
      help: '어떤 서비스인지 짧게 적어 주세요.',
      placeholder: '예: 웹 서비스, 모바일 앱',
    },
  },
  validation: {
    required: '{fieldObject} 입력해 주세요.',
    too_long: '{fieldTopic} {max}자 이하로 입력해 주세요.',
    not_string: '{fieldTopic} 문자열이어야 해요.',
    invalid_characters: '{fieldSubject} 입력할 수 없는 문자를 포함하고 있어요.',
    not_number: '{fieldTopic} 정수로 입력해 주세요.',
    out_of_range: '{fieldTopic} {min}에서 {max} 사이로 입력해 주세요.',
  },
  errors: {
    unauthenticated: '로그인이 필요해요.',
    session_inactive: '로그인 세션이 끝났어요. 다시 로그인해 주세요.',
    cross_site_request: '다른 사이트에서 보낸 요청은 받지 않아요.',
    unsupported_media_type: '요청 본문은 application/json이어야 해요.',
    payload_too_large: '요청 본문이 너무 커요.',
    invalid_json: '요청 본문이 올바른 JSON이 아니에요.',
    validation_failed: '표시된 항목을 확인해 주세요.',
    rate_limited: '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
    clerk_unavailable: '인증 서비스가 잠시 응답하지 않아요. 잠시 후 다시 시도해 주세요.',
    clerk_error: '인증 서비스와 통신하지 못했어요. 잠시 후 다시 시도해 주세요.',
    not_found: '요청한 주소를 찾을 수 없어요.',
    method_not_allowed: '이 주소는 POST 요청만 받아요.',
    network: '서버에 연결하지 못했어요. 네트워크를 확인하고 다시 시도해 주세요.',
  },
  success: { onboarded: '온보딩을 마쳤어요.' },
  errorPage: {
    notFoundTitle: '페이지를 찾을 수 없어요',
    notFoundLead: '주소가 바뀌었거나 삭제된 페이지예요.',
    errorTitle: '문제가 생겼어요',
    errorLead: '잠시 후 다시 시도해 주세요.',
    home: '처음으로',
  },
}

type Messages = typeof ko

const en: Messages = {
  app: { name: 'Onboarding demo' },
  nav: { signIn: 'Sign in', signUp: 'Sign up', dashboard: 'Dashboard', language: 'Language', skip: 'Skip to content' },
  home: {
    title: 'Clerk sign-in and onboarding',
    lead: 'Sign in and tell us about your application to start using the dashboard.',
    start: 'Get started',
    toDashboard: 'Go to the dashboard',
  },
  auth: { signInTitle: 'Sign in', signUpTitle: 'Sign up', loading: 'Loading sign-in...' },
  onboarding: {
    title: 'Onboarding',
    welcome: 'Welcome!',
    lead: 'Before you start, tell us what you are building. You can change it later on the dashboard.',
    submit: 'Save and go to the dashboard',
    pending: 'Saving...',
  },
  form: {
    count: '{count}/{max} characters',
    overLimit: 'Over {max} characters. Shorten it to save.',
  },
  session: { unsaved: 'You were signed out, so your change was not saved. Sign in again and re-enter it.' },
  dashboard: {
    title: 'Dashboard',
    welcome: 'Welcome!',
    welcomeNamed: 'Welcome, {name}!',
    edit: 'Edit',
    cancel: 'Cancel',
    save: 'Save',
    saved: 'Saved.',
  },
  fields: {
    applicationName: {
      label: 'Application name',
      noun: 'application name',
      help: 'Your dashboard shows it by this name.',
      placeholder: 'e.g. Family Budget',
    },
    applicationType: {
      label: 'Application type',
      noun: 'application type',
      help: 'A few words on what kind of application it is.',
      placeholder: 'e.g. web app, mobile app',
    },
  },
  validation: {
    required: 'Enter the {field}.',
    too_long: 'The {field} must be at most {max} characters.',
    not_string: 'The {field} must be text.',
    invalid_characters: 'The {field} contains characters that cannot be used.',
    not_number: 'The {field} must be a whole number.',
    out_of_range: 'The {field} must be from {min} to {max}.',
  },
  errors: {
    unauthenticated: 'Please sign in.',
    session_inactive: 'Your session has ended. Please sign in again.',
    cross_site_request: 'Requests from other sites are not allowed.',
    unsupported_media_type: 'The request body must be application/json.',
    payload_too_large: 'The request body is too large.',
    invalid_json: 'The request body is not valid JSON.',
    validation_failed: 'Please check the highlighted fields.',
    rate_limited: 'Too many requests. Please try again shortly.',
    clerk_unavailable: 'The sign-in service is not answering right now. Please try again shortly.',
    clerk_error: 'We could not reach the sign-in service. Please try again shortly.',
    not_found: 'Nothing is at this address.',
    method_not_allowed: 'This address only accepts POST requests.',
    network: 'Could not reach the server. Check your connection and try again.',
  },
  success: { onboarded: 'Onboarding complete.' },
  errorPage: {
    notFoundTitle: 'Page not found',
    notFoundLead: 'The page moved or no longer exists.',
    errorTitle: 'Something went wrong',
    errorLead: 'Please try again shortly.',
    home: 'Back to start',
  },
}

export const messages: Record<Locale, Messages> = { ko, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The visitor's language: the remembered choice, else the first supported Accept-Language entry. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie
  for (const part of (acceptLanguage ?? '').split(',')) {
    const primary = part.split(';')[0]!.trim().slice(0, 2).toLowerCase()
    if (isLocale(primary)) return primary
  }
  return DEFAULT_LOCALE
}

/** The template with its `{name}` placeholders filled in; unknown ones are left as they are. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole))
}

const HANGUL_FIRST = 0xAC00
const HANGUL_LAST = 0xD7A3

/** True, false, or undefined (not a Hangul syllable): does the word end in a final consonant (받침)? */
function endsWithFinalConsonant(word: string): boolean | undefined {
  const code = word.trimEnd().codePointAt(word.trimEnd().length - 1) ?? 0
  if (code < HANGUL_FIRST || code > HANGUL_LAST) return undefined
  return (code - HANGUL_FIRST) % 28 !== 0
}

function attach(word: string, withConsonant: string, withVowel: string): string {
  const final = endsWithFinalConsonant(word)
  // A word that does not end in Hangul (a Latin name, a digit) keeps the neutral written form.
  if (final === undefined) return `${word}${withConsonant}(${withVowel})`
  return `${word}${final ? withConsonant : withVowel}`
}

/**
 * The word with each Korean case particle chosen by its last syllable: 이름 -> 이름을, 이름이, 이름은;
 * 주소 -> 주소를, 주소가, 주소는. Message templates use them as `{fieldObject}`, `{fieldSubject}`, `{fieldTopic}`.
 */
export function koreanParticles(word: string): { fieldObject: string, fieldSubject: string, fieldTopic: string } {
  return {
    fieldObject: attach(word, '을', '를'),
    fieldSubject: attach(word, '이', '가'),
    fieldTopic: attach(word, '은', '는'),
  }
}
