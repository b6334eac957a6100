import { clerkError, type ClerkHttpError } from '../http.ts'

// The Frontend API errors the prebuilt UI reacts to. Codes, messages and `meta.param_name` follow
// Clerk's: the UI maps a code to a localized string when it has one and shows `long_message`
// otherwise, and it attaches the error to the form field named by `param_name`.

const param = (name: string) => ({ param_name: name })

export const fapiErrors = {
  devBrowserUnauthenticated: (): ClerkHttpError =>
    clerkError(401, 'dev_browser_unauthenticated', 'Browser unauthenticated', 'Unable to authenticate the development browser. Create a new one with POST /v1/dev_browser.'),

  devBrowserNotSupported: (): ClerkHttpError =>
    clerkError(400, 'dev_browser_not_supported', 'Not a development instance', 'This is a production instance: it has no dev browsers and knows the browser by its __client cookie.'),

  originInvalid: (origin: string): ClerkHttpError =>
    clerkError(403, 'origin_invalid', 'Invalid origin', `The request origin ${origin} is not allowed for this instance.`),

  methodNotAllowed: (method: string, allowed: string[]): ClerkHttpError =>
    clerkError(405, 'method_not_allowed', 'Method not allowed', `${method} is not supported here; use ${allowed.join(', ')}.`),

  notFound: (what: string): ClerkHttpError =>
    clerkError(404, 'resource_not_found', 'not found', `No ${what} was found with this id.`),

  signedOut: (): ClerkHttpError =>
    clerkError(401, 'signed_out', 'Signed out', 'You are signed out.'),

  identifierNotFound: (): ClerkHttpError =>
    clerkError(422, 'form_identifier_not_found', 'Couldn\'t find your account.', 'Couldn\'t find your account.', param('identifier')),

  passwordIncorrect: (): ClerkHttpError =>
    clerkError(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.', 'Password is incorrect. Try again, or use another method.', param('password')),

  identifierExists: (name: 'email_address' | 'phone_number' | 'username' = 'email_address'): ClerkHttpError => {
    const message = `That ${name === 'email_address' ? 'email address' : name === 'phone_number' ? 'phone number' : 'username'} is taken. Please try another.`
    return clerkError(422, 'form_identifier_exists', message, message, param(name))
  },

  emailInvalid: (): ClerkHttpError =>
    clerkError(422, 'form_param_format_invalid', 'is invalid', 'email_address must be a valid email address.', param('email_address')),

  paramMissing: (name: string): ClerkHttpError =>
    clerkError(422, 'form_param_missing', 'is missing', `${name} must be included.`, param(name)),

  paramInvalid: (name: string, why: string): ClerkHttpError =>
    clerkError(422, 'form_param_value_invalid', 'is invalid', why, param(name)),

  paramUnknown: (name: string): ClerkHttpError =>
    clerkError(422, 'form_param_unknown', 'is unknown', `${name} is not a valid parameter for this request.`, param(name)),

  strategyInvalid: (strategy: string): ClerkHttpError =>
    clerkError(422, 'strategy_for_user_invalid', 'Invalid verification strategy', `The verification strategy ${strategy} is not valid for this account.`, param('strategy')),

  codeIncorrect: (): ClerkHttpError =>
    clerkError(422, 'form_code_incorrect', 'Incorrect code', 'Incorrect code', param('code')),

  verificationExpired: (): ClerkHttpError =>
    clerkError(422, 'verification_expired', 'Verification expired', 'This verification has expired. You must create a new one.', param('code')),

  tooManyAttempts: (): ClerkHttpError =>
    clerkError(422, 'verification_failed', 'Too many failed attempts', 'Too many failed attempts. You have to try again with the same or another method.', param('code')),

  noPrepare: (): ClerkHttpError =>
    clerkError(400, 'verification_missing', 'Verification missing', 'You need to send a verification code before attempting to verify.', param('code')),

  attemptNotActive: (kind: 'sign_in' | 'sign_up'): ClerkHttpError =>
    clerkError(400, `${kind}_not_active`, 'not active', kind === 'sign_in' ? 'This sign in attempt is no longer active.' : 'This sign up attempt is no longer active.'),

  sessionExists: (): ClerkHttpError =>
    clerkError(400, 'session_exists', 'You\'re already signed in.', 'You\'re already signed in.'),

  ticketInvalid: (): ClerkHttpError =>
    clerkError(422, 'ticket_invalid', 'is invalid', 'The provided ticket is invalid or has expired.', param('ticket')),

  userBanned: (): ClerkHttpError =>
    clerkError(403, 'user_banned', 'Account banned', 'Your account is banned. Please contact support for more information.'),

  userLocked: (): ClerkHttpError =>
    clerkError(403, 'user_locked', 'Account locked', 'Your account is locked. Please contact support for more information.'),

  newPasswordMatchesCurrent: (): ClerkHttpError =>
    clerkError(422, 'form_new_password_matches_current', 'New password cannot be the same as the current password.', 'New password cannot be the same as the current password.', param('new_password')),

  currentPasswordIncorrect: (): ClerkHttpError =>
    clerkError(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.', 'Password is incorrect. Try again, or use another method.', param('current_password')),

  deleteSelfDisabled: (): ClerkHttpError =>
    clerkError(403, 'not_allowed_access', 'Deleting your own account is not allowed.', 'This instance does not let users delete their own accounts (start the emulator with --allow-delete).'),

  accountTransferInvalid: (): ClerkHttpError =>
    clerkError(400, 'account_transfer_invalid', 'Invalid account transfer', 'There is no account to transfer.'),

  // /v1/oauth_callback with a state that is unknown, used, expired or not this browser's.
  authorizationInvalid: (): ClerkHttpError =>
    clerkError(403, 'authorization_invalid', 'Unauthorized request', 'You are not authorized to perform this request'),

  templateNotFound: (name: string): ClerkHttpError =>
    clerkError(404, 'resource_not_found', 'not found', `No JWT template exists with name: ${name}`),

  secondFactorDisabled: (what: 'An authenticator app' | 'Backup codes'): ClerkHttpError =>
    clerkError(403, 'not_allowed_access', `${what} is not enabled for this instance.`, `${what} is not a second factor this instance offers (start the emulator with --mfa on).`),

  totpAlreadyEnabled: (): ClerkHttpError =>
    clerkError(400, 'totp_already_enabled', 'An authenticator app is already set up.', 'This account already has an authenticator app; remove it before adding another.'),

  backupCodesNeedSecondFactor: (): ClerkHttpError =>
    clerkError(403, 'not_allowed_access', 'Backup codes need another second factor.', 'Backup codes back up another second factor: set up an authenticator app first.'),
}
