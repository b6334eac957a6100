import { koKR } from '@clerk/localizations/ko-KR'
import type { LocalizationResource } from '@clerk/shared/types'

// Strings @clerk/localizations' ko-KR lacks, in its own polite register (해요체). Without them
// Clerk's components show English (or the Frontend API's English message) inside a Korean page.
// Covered (tests/unit/clerk-korean.test.ts): every key of en-US's `unstable__errors`, plus error
// codes the sign-in, sign-up and profile flows return that en-US leaves to the API's own words;
// every string of the sign-in, sign-up and session-task screens (second factor, emailed code,
// social sign-in, choose-organization, reset-password, setup-mfa) and the top-level ones they share.
const errors: NonNullable<LocalizationResource['unstable__errors']> = {
  action_blocked: '지금은 이 작업을 완료할 수 없어요. 잠시 후 다시 시도하고, 계속되면 지원팀에 문의해 주세요.',
  api_key_name_already_exists: '이미 있는 API 키 이름이에요.',
  api_key_usage_exceeded: '사용 한도에 도달했어요. 유료 플랜으로 업그레이드하면 한도를 없앨 수 있어요.',
  form_code_incorrect: '코드가 올바르지 않아요. 다시 확인해 주세요.',
  form_identifier_exists: '이미 사용 중이에요. 다른 값을 입력해 주세요.',
  form_identifier_exists__email_address: '이미 사용 중인 이메일 주소예요. 다른 이메일 주소를 입력해 주세요.',
  form_identifier_exists__phone_number: '이미 사용 중인 전화번호예요. 다른 전화번호를 입력해 주세요.',
  form_identifier_exists__username: '이미 사용 중인 아이디예요. 다른 아이디를 입력해 주세요.',
  form_param_format_invalid: '형식이 올바르지 않아요.',
  form_param_nil: '값을 입력해 주세요.',
  form_param_type_invalid: '값의 형식이 올바르지 않아요.',
  form_param_type_invalid__email_address: '올바른 이메일 주소를 입력해 주세요.',
  form_param_type_invalid__phone_number: '올바른 전화번호를 입력해 주세요.',
  form_param_value_invalid: '입력한 값이 올바르지 않아요.',
  form_param_missing: '필수 항목을 입력해 주세요.',
  form_param_unknown: '알 수 없는 항목이 포함되어 있어요.',
  form_password_compromised__sign_in: '이 비밀번호는 유출된 기록이 있어 더는 사용할 수 없어요. 비밀번호를 재설정해 주세요.',
  form_password_incorrect: '비밀번호가 올바르지 않아요. 다시 시도하거나 다른 방법을 사용해 주세요.',
  form_password_length_too_long: '비밀번호가 너무 길어요.',
  form_password_matches_identifier: '비밀번호는 이메일 주소, 전화번호, 아이디와 같을 수 없어요. 계정 보안을 위해 다른 비밀번호를 사용해 주세요.',
  form_username_invalid_character: '아이디에는 영문자, 숫자, 밑줄(_)만 사용할 수 있어요.',
  identifier_already_signed_in: '이미 로그인된 계정이에요.',
  insufficient_seats_change_plan: '조직의 좌석이 부족해 원하는 인원을 초대할 수 없어요. 초대하려는 인원을 지원하는 플랜으로 변경해 주세요.',
  insufficient_seats_contact_support: '조직의 좌석이 부족해 원하는 인원을 초대할 수 없어요. 지원팀에 문의해 주세요.',
  oauth_access_denied: '계정 접근을 허용하지 않았어요.',
  organization_domain_blocked: '허용되지 않는 이메일 도메인이에요. 다른 도메인을 사용해 주세요.',
  organization_domain_common: '널리 쓰이는 이메일 제공업체의 도메인이에요. 조직의 도메인을 입력해 주세요.',
  organization_domain_exists_for_enterprise_connection: '이 도메인은 이미 조직의 SSO에 사용되고 있어요.',
  organization_membership_quota_exceeded: '대기 중인 초대를 포함해 가입할 수 있는 조직 수의 한도에 도달했어요.',
  organization_minimum_permissions_needed: '조직에는 최소 권한을 가진 구성원이 한 명 이상 있어야 해요.',
  protect_check_aborted: '확인이 취소되었어요. 다시 시도해 주세요.',
  protect_check_already_resolved: '이미 확인이 끝났어요.',
  protect_check_execution_failed: '확인을 완료하지 못했어요. 다시 시도해 주세요.',
  protect_check_invalid_script: '확인 기능을 불러오지 못했어요. 계속되면 지원팀에 문의해 주세요.',
  protect_check_invalid_sdk_url: '확인을 시작하지 못했어요. 지원팀에 문의해 주세요.',
  protect_check_script_load_failed: '확인 기능을 불러오지 못했어요. 네트워크 문제이거나 콘텐츠 보안 정책이 확인 스크립트를 막았을 수 있어요. 다시 시도하거나 지원팀에 문의해 주세요.',
  protect_check_timed_out: '제한 시간 안에 확인을 완료하지 못했어요. 다시 시도해 주세요.',
  protect_check_unsupported_environment: '이 환경에서는 확인을 지원하지 않아요. 일반 브라우저에서 계속하거나 지원팀에 문의해 주세요.',
  strategy_for_user_invalid: '이 계정에서는 사용할 수 없는 로그인 방법이에요.',
  ticket_expired_code: '링크가 만료되었어요. 처음부터 다시 시작하거나 새 링크를 요청해 주세요.',
  ticket_invalid_code: '더는 유효하지 않거나 이미 사용된 링크예요. 처음부터 다시 시작하거나 새 링크를 요청해 주세요.',
  too_many_requests: '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
  user_banned: '이 계정은 사용이 정지되었어요.',
  user_locked: '로그인 시도가 너무 많아 계정이 잠겼어요. 잠시 후 다시 시도해 주세요.',
  verification_expired: '인증 시간이 지났어요. 새 코드를 요청해 주세요.',
  verification_failed: '시도 횟수를 넘었어요. 같은 방법이나 다른 방법으로 다시 시도해 주세요.',
  verification_missing: '먼저 인증 코드를 요청해 주세요.',
} as NonNullable<LocalizationResource['unstable__errors']>

const protectCheck = {
  title: '요청을 확인하고 있어요',
  subtitle: '요청을 확인하는 동안 잠시 기다려 주세요.',
  loading: '불러오는 중…',
  retryButton: '다시 시도',
}

const continueButton = '계속'
const backupCodesSaved = '백업 코드를 안전한 곳에 보관해 주세요. 인증 기기에 접근할 수 없게 되면 백업 코드로 로그인할 수 있어요.'
const signOut = { actionLink: '로그아웃', actionText: '{{identifier}} 계정으로 로그인함' }

/** The screens' strings Clerk's ko-KR lacks, shaped as the pack is; Clerk's own translations win where they exist. */
const screens: LocalizationResource = {
  badge__banned: '정지됨',
  badge__deprovisioned: '프로비저닝 해제됨',
  formFieldInputPlaceholder__signUpPassword: '비밀번호를 만들어 주세요',
  formFieldInputPlaceholder__username: '아이디를 입력해 주세요',
  identityPreviewEditButton__emailAddress: '이메일 주소 수정',
  identityPreviewEditButton__identifier: '로그인 정보 수정',
  identityPreviewEditButton__phoneNumber: '휴대폰 번호 수정',
  searchInput: { action__clear: '검색어 지우기' },
  signIn: {
    protectCheck,
    emailLink: { verifiedTransferable: { title: '이메일이 인증됐어요', subtitle: '계속하려면 원래 탭으로 돌아가세요' } },
    enterpriseSSO: { formButtonPrimary: 'SSO로 계속하기' },
    ssoBypass: {
      actionLink: 'SSO를 사용할 수 없나요?',
      notice: '조직에서 싱글 사인온(SSO)을 요구해요. SSO 없이 계속하면 기록이 남아요.',
      code: { title: '이메일을 확인하세요', subtitle: '{{applicationName}}에 로그인하려면 이메일로 받은 코드를 입력해 주세요', resendButton: '코드 다시 보내기' },
    },
  },
  signUp: { protectCheck },
  taskSetupMfa: {
    badge: '2단계 인증 설정',
    signOut,
    start: {
      title: '2단계 인증 설정',
      subtitle: '계정을 한 번 더 보호할 방법을 선택해 주세요',
      methodSelection: { totp: '인증 애플리케이션', phoneCode: 'SMS 코드' },
    },
    totpCode: {
      title: '인증 애플리케이션 추가',
      addAuthenticatorApp: {
        infoText__ableToScan: '인증 앱에서 새 로그인 방법을 만들고 아래 QR 코드를 스캔해 계정에 연결해 주세요.',
        infoText__unableToScan: '인증 앱에서 새 로그인 방법을 만든 다음 아래 키를 입력해 주세요.',
        inputLabel__unableToScan1: '시간 기반 또는 일회용 비밀번호가 켜져 있는지 확인한 뒤 계정 연결을 완료해 주세요.',
        buttonAbleToScan__nonPrimary: '대신 QR 코드 스캔하기',
        buttonUnableToScan__nonPrimary: 'QR 코드를 스캔할 수 없나요?',
        formButtonPrimary: continueButton,
        formButtonReset: '취소',
      },
      verifyTotp: {
        title: '인증 애플리케이션 추가',
        subtitle: '인증 앱이 생성한 인증 코드를 입력해 주세요',
        formTitle: '인증 코드',
        formButtonPrimary: continueButton,
        formButtonReset: '취소',
      },
      success: {
        title: '인증 애플리케이션 인증이 활성화됐어요',
        message1: '이제 2단계 인증이 활성화됐어요. 로그인할 때 추가 단계로 이 인증 앱의 인증 코드를 입력해야 해요.',
        message2: backupCodesSaved,
        finishButton: continueButton,
      },
    },
    smsCode: {
      title: 'SMS 코드 인증 추가',
      subtitle: 'SMS 코드 2단계 인증에 사용할 휴대폰 번호를 선택해 주세요',
      addPhoneNumber: '휴대폰 번호 추가',
      cancel: '취소',
      addPhone: {
        infoText: '이 휴대폰 번호로 인증 코드가 담긴 문자 메시지를 보내요. 메시지 및 데이터 요금이 부과될 수 있어요.',
        formButtonPrimary: continueButton,
      },
      verifyPhone: {
        title: '휴대폰 번호 인증',
        subtitle: '다음 번호로 전송된 인증 코드를 입력해 주세요',
        formTitle: '인증 코드',
        resendButton: '코드를 받지 못했나요? 다시 보내기',
        formButtonPrimary: continueButton,
      },
      success: {
        title: 'SMS 코드 인증이 활성화됐어요',
        message1: '이제 2단계 인증이 활성화됐어요. 로그인할 때 추가 단계로 이 휴대폰 번호로 전송된 인증 코드를 입력해야 해요.',
        message2: backupCodesSaved,
        finishButton: continueButton,
      },
    },
  },
  unstable__errors: errors,
} as LocalizationResource

/**
 * Clerk's Korean that reads as a translation, rewritten as a Korean product writer would: one polite
 * register (해요체), no particle guessed after a name (a noun such as 주소 or 번호 carries it), the
 * same word for the same thing (기기, 다시 보내기), and actions named as actions. These win over Clerk's.
 */
const rewrites = {
  badge__thisDevice: '이 기기',
  badge__userDevice: '사용자 기기',
  footerPageLink__help: '도움말',
  formFieldHintText__optional: '선택',
  formFieldInputPlaceholder__emailAddress: '이메일 주소를 입력해 주세요',
  formFieldInputPlaceholder__emailAddress_username: '이메일 주소나 아이디를 입력해 주세요',
  formFieldInputPlaceholder__password: '비밀번호를 입력해 주세요',
  formFieldInputPlaceholder__phoneNumber: '휴대폰 번호를 입력해 주세요',
  formFieldLabel__emailAddress_username: '이메일 주소 또는 아이디',
  impersonationFab: { title: '{{identifier}} 계정으로 로그인했어요' },
  reverification: {
    alternativeMethods: {
      blockButton__emailCode: '{{identifier}} 주소로 이메일 코드 받기',
      blockButton__phoneCode: '{{identifier}} 번호로 SMS 코드 받기',
    },
  },
  taskResetPassword: { signOut: { actionText: '{{identifier}} 계정으로 로그인함' } },
  signInEnterPasswordTitle: '비밀번호를 입력해 주세요',
  socialButtonsBlockButton: '{{provider|titleize}} 계정으로 계속하기',
  signIn: {
    start: {
      titleCombined: '{{applicationName}}에서 계속하기',
      subtitle: '다시 오셨군요! 계속하려면 로그인해 주세요',
      alternativePhoneCodeProvider: {
        title: '{{provider}} 인증으로 {{applicationName}}에 로그인',
        subtitle: '{{provider}} 인증 코드를 받을 휴대폰 번호를 입력해 주세요.',
      },
    },
    password: { title: '비밀번호를 입력해 주세요', subtitle: '이 계정의 비밀번호를 입력해 주세요' },
    emailCode: { subtitle: '{{applicationName}}에 로그인하려면 이메일로 받은 코드를 입력해 주세요', resendButton: '코드 다시 보내기' },
    emailCodeMfa: { subtitle: '{{applicationName}}에 로그인하려면 이메일로 받은 코드를 입력해 주세요' },
    emailLink: { subtitle: '{{applicationName}}에 로그인하려면 이메일로 받은 링크를 열어 주세요', resendButton: '링크 다시 보내기' },
    emailLinkMfa: { subtitle: '{{applicationName}}에 로그인하려면 이메일로 받은 링크를 열어 주세요' },
    phoneCode: { subtitle: '{{applicationName}}에 로그인하려면 휴대폰으로 받은 코드를 입력해 주세요' },
    alternativePhoneCodeProvider: { subtitle: '{{applicationName}}에 로그인하려면 받은 코드를 입력해 주세요' },
    forgotPassword: { resendButton: '코드 다시 보내기', subtitle_email: '먼저 이메일로 받은 코드를 입력해 주세요', subtitle_phone: '먼저 휴대폰으로 받은 코드를 입력해 주세요' },
    alternativeMethods: {
      blockButton__emailCode: '{{identifier}} 주소로 이메일 코드 받기',
      blockButton__emailLink: '{{identifier}} 주소로 이메일 링크 받기',
      blockButton__phoneCode: '{{identifier}} 번호로 SMS 코드 받기',
    },
  },
  signUp: {
    start: {
      subtitle: '환영해요! 시작하려면 아래 정보를 입력해 주세요.',
      subtitleCombined: '환영해요! 시작하려면 아래 정보를 입력해 주세요.',
      actionText: '이미 계정이 있으신가요?',
      actionLink: '로그인',
      alternativePhoneCodeProvider: {
        title: '{{provider}} 인증으로 {{applicationName}}에 가입',
        subtitle: '{{provider}} 인증 코드를 받을 휴대폰 번호를 입력해 주세요.',
      },
    },
    alternativePhoneCodeProvider: { subtitle: '{{provider}}에서 받은 인증 코드를 입력해 주세요' },
    continue: { title: '빠진 정보를 입력해 주세요', subtitle: '계속하려면 빠진 정보를 입력해 주세요' },
    emailCode: { subtitle: '이메일로 받은 인증 코드를 입력해 주세요', formSubtitle: '이메일로 받은 인증 코드를 입력해 주세요', resendButton: '코드 다시 보내기' },
    emailLink: { subtitle: '{{applicationName}}에 가입하려면 이메일로 받은 링크를 열어 주세요', resendButton: '링크 다시 보내기' },
    phoneCode: { subtitle: '휴대폰으로 받은 인증 코드를 입력해 주세요', formSubtitle: '휴대폰으로 받은 인증 코드를 입력해 주세요.', resendButton: '코드 다시 보내기' },
  },
  userProfile: {
    start: {
      activeDevicesSection: { title: '로그인한 기기', destructiveAction: '이 기기에서 로그아웃' },
      connectedAccountsSection: { actionLabel__connectionFailed: '다시 시도' },
      dangerSection: { title: '위험 구역' },
      emailAddressesSection: { detailsAction__primary: '인증 마치기', detailsAction__unverified: '인증하기' },
      phoneNumbersSection: { detailsAction__primary: '인증 마치기', detailsAction__unverified: '인증하기' },
    },
    deletePage: { actionDescription: '계속하려면 아래에 "계정 삭제"를 입력해 주세요.' },
    billingPage: { paymentMethodsSection: { removeMethod: { messageLine1: '{{identifier}} 결제 수단을 이 계정에서 삭제해요.' } } },
    web3WalletPage: {
      removeResource: { messageLine1: '{{identifier}} 지갑을 이 계정에서 제거해요.', successMessage: '{{web3Wallet}} 지갑을 계정에서 제거했어요.' },
    },
    emailAddressPage: {
      enterpriseSSOLink: { formSubtitle: '{{identifier}} 계정으로 로그인 완료' },
      emailCode: { formSubtitle: '{{identifier}} 주소로 받은 인증 코드를 입력해 주세요', resendButton: '코드 다시 보내기' },
      emailLink: { formSubtitle: '{{identifier}} 주소로 받은 이메일의 링크를 열어 주세요.', resendButton: '링크 다시 보내기' },
      removeResource: { messageLine1: '{{identifier}} 주소를 이 계정에서 제거해요.' },
    },
    phoneNumberPage: {
      verifySubtitle: '{{identifier}} 번호로 받은 인증 코드를 입력해 주세요',
      successMessage: '{{identifier}} 번호를 계정에 추가했어요.',
      removeResource: { messageLine1: '{{identifier}} 번호를 이 계정에서 제거해요.', successMessage: '{{phoneNumber}} 번호를 계정에서 제거했어요.' },
    },
    connectedAccountPage: {
      removeResource: { messageLine1: '{{identifier}} 계정 연결을 이 계정에서 제거해요.', successMessage: '{{connectedAccount}} 계정 연결을 제거했어요.' },
    },
    mfaPhoneCodePage: { removeResource: { messageLine1: '이제 로그인할 때 {{identifier}} 번호로 인증 코드를 받지 않아요.' } },
    mfaTOTPPage: { authenticatorApp: { buttonAbleToScan__nonPrimary: '대신 QR 코드 스캔하기' } },
    profilePage: { title: '프로필 수정', successMessage: '프로필을 저장했어요.' },
    passwordPage: { successMessage__update: '비밀번호를 변경했어요.' },
    usernamePage: { title__set: '아이디 설정', title__update: '아이디 변경', successMessage: '아이디를 저장했어요.' },
  },
  unstable__errors: {
    form_password_length_too_short: '비밀번호가 너무 짧아요. 8자 이상이어야 해요.',
    form_password_validation_failed: '비밀번호가 올바르지 않아요.',
    not_allowed_access: '이 이메일 주소나 전화번호로는 가입할 수 없어요. 주소에 \'+\', \'=\', \'#\', \'.\'이 들어 있거나, 임시 이메일 서비스의 주소이거나, 가입이 막힌 주소예요. 계속되면 지원팀에 문의해 주세요.',
    // Clerk writes "{prefix} {conditions joined by Intl.ListFormat}.": 비밀번호 조건: 8자 이상.
    passwordComplexity: {
      sentencePrefix: '비밀번호 조건:',
      minimumLength: '{{length}}자 이상',
      maximumLength: '{{length}}자 미만',
      requireLowercase: '소문자 포함',
      requireNumbers: '숫자 포함',
      requireSpecialCharacter: '특수문자 포함',
      requireUppercase: '대문자 포함',
    },
    zxcvbn: {
      suggestions: { l33t: '\'a\'를 \'@\'로 바꾸는 것처럼 뻔한 글자 바꾸기는 피해 주세요.' },
      warnings: { pwned: '유출된 적이 있는 비밀번호예요.' },
    },
  },
}

type Table = { [key: string]: string | Table | undefined }

/** `base` with `over`'s strings laid on top, section by section. */
function overlay(base: Table, over: Table): Table {
  const out: Table = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const below = out[key]
    out[key] = value && typeof value === 'object' && below && typeof below === 'object' ? overlay(below, value) : value
  }
  return out
}

/** The strings this file rewrites, for the test that holds each one to Clerk's placeholders. */
export const koKRRewrites: Table = rewrites

/**
 * `base` with the leaves it lacks taken from `fill`: a string of `base` stays, and Clerk's packs
 * list untranslated keys with the value `undefined`, which `fill` replaces.
 */
function filledIn(base: Table | undefined, fill: Table): Table {
  const out: Table = { ...base }
  for (const [key, value] of Object.entries(fill)) {
    const own = base?.[key]
    if (value && typeof value === 'object') out[key] = filledIn(own && typeof own === 'object' ? own as Table : undefined, value as Table)
    else if (typeof own !== 'string') out[key] = value
  }
  return out
}

/**
 * Clerk's ko-KR, filled in, with the rewrites on top. Clerk brands each string type with its
 * placeholders, which a plain string table cannot carry: tests/unit/clerk-korean.test.ts holds every
 * rewrite to Clerk's placeholders instead.
 */
export const koKRComplete = overlay(filledIn(koKR as unknown as Table, screens as unknown as Table), rewrites) as unknown as LocalizationResource
