import type { EmulatorContext } from '../context.ts'
import { oauthProvider } from '../oauth-providers.ts'
import { portalUrl } from '../urls.ts'
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../usernames.ts'
import { attributesJson, authConfigIdentifiersJson } from './user-settings.ts'

// The instance's configuration (instance-config.ts) as clerk-js and the prebuilt UI read it
// (GET/PATCH /v1/environment): the identifiers and factors it turns on (user-settings.ts), the
// configured social connections and organizations, password sign-up and sign-in, single-session,
// no captcha and no billing.

/** `user_settings.social` as Clerk shapes it: one entry per enabled connection, keyed by strategy. */
function socialJson(strategies: string[]): Record<string, unknown> {
  return Object.fromEntries(strategies.map(strategy => [strategy, {
    enabled: true,
    required: false,
    authenticatable: true,
    block_email_subaddresses: false,
    strategy,
    not_selectable: false,
    deprecated: false,
    name: oauthProvider(strategy)?.name ?? strategy,
    // Clerk links img.clerk.com here; the prebuilt UI draws known providers' icons from its own table.
    logo_url: null,
  }]))
}

export function environmentJson(ctx: EmulatorContext): Record<string, unknown> {
  const { config } = ctx
  // Field set as in Clerk's published schema (fapi-2026-05-12), which allows no others.
  return {
    auth_config: {
      object: 'auth_config',
      id: 'aac_emulator',
      first_name: 'on',
      last_name: 'on',
      ...authConfigIdentifiersJson(config),
      email_address_verification_strategies: ['email_code'],
      single_session_mode: true,
      enhanced_email_deliverability: false,
      test_mode: true,
      cookieless_dev: false,
      url_based_session_syncing: true,
      claimed_at: null,
      reverification: false,
      native_settings: {
        object: 'native_settings',
        api_enabled: false,
        trusted_device_sign_in_enabled: false,
        trusted_device_enrollment_prompt_after_sign_in_enabled: false,
        trusted_device_enrollment_prompt_after_sign_up_enabled: false,
      },
    },
    display_config: {
      object: 'display_config',
      id: 'display_config_emulator',
      instance_environment_type: config.environmentType,
      application_name: config.applicationName,
      theme: {
        buttons: { font_color: '#ffffff', font_family: '', font_weight: '' },
        general: { color: '#6c47ff', background_color: '#ffffff', border_radius: '', box_shadow: '', font_color: '#151515', font_family: '', label_font_weight: '', padding: '' },
        accounts: { background_color: '#ffffff' },
      },
      preferred_sign_in_strategy: 'password',
      logo_image_url: null,
      favicon_image_url: null,
      // The Account Portal (src/portal/): where redirect-mode buttons and redirectToSignIn() go
      // when an app names no signInUrl/signUpUrl of its own. The after-* URLs stay empty: apps pass theirs.
      home_url: '',
      sign_in_url: portalUrl(ctx, 'sign-in'),
      sign_up_url: portalUrl(ctx, 'sign-up'),
      user_profile_url: portalUrl(ctx, 'user'),
      waitlist_url: '',
      oauth_consent_url: '',
      after_sign_in_url: '',
      after_sign_up_url: '',
      after_sign_out_one_url: '',
      after_sign_out_all_url: '',
      after_switch_session_url: '',
      after_join_waitlist_url: '',
      organization_profile_url: '',
      create_organization_url: '',
      after_leave_organization_url: '',
      after_create_organization_url: '',
      logo_link_url: '',
      support_email: null,
      branded: false,
      experimental_force_oauth_first: false,
      clerk_js_version: null,
      show_devmode_warning: false,
      google_one_tap_client_id: null,
      help_url: null,
      privacy_policy_url: null,
      terms_url: null,
      logo_url: null,
      favicon_url: null,
      logo_image: null,
      favicon_image: null,
      // No captcha: a captcha public key would make the UI load Cloudflare Turnstile from the internet.
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_public_key_invisible: null,
      captcha_provider: null,
      captcha_oauth_bypass: [],
      captcha_heartbeat: false,
    },
    user_settings: {
      attributes: attributesJson(config),
      social: socialJson(config.socialConnections),
      saml: { enabled: false },
      enterprise_sso: { enabled: false, self_serve_sso: false },
      sign_in: { second_factor: { required: config.mfa === 'required' } },
      sign_up: {
        captcha_enabled: false,
        captcha_widget_type: 'smart',
        custom_action_required: false,
        progressive: true,
        mode: 'public',
        legal_consent_enabled: false,
      },
      restrictions: {
        allowlist: { enabled: false },
        blocklist: { enabled: false },
        allowlist_blocklist_disabled_on_sign_in: { enabled: false },
        block_email_subaddresses: { enabled: false },
        block_disposable_email_domains: { enabled: false },
      },
      password_settings: {
        disable_hibp: !config.password.rejectCompromised,
        disable_password_reverification: true,
        min_length: config.password.minLength,
        max_length: config.password.maxLength,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        enforce_hibp_on_sign_in: false,
        allowed_special_characters: '',
      },
      username_settings: { min_length: USERNAME_MIN_LENGTH, max_length: USERNAME_MAX_LENGTH, allow_extended_special_characters: false, allow_numeric_usernames: false },
      actions: { delete_self: config.deleteSelf, create_organization: config.organizations.enabled, create_organizations_limit: null },
      attack_protection: {
        user_lockout: { enabled: false, max_attempts: 100, duration_in_minutes: 60 },
        pii: { enabled: false },
        email_link: { require_same_client: false },
        enumeration_protection: { enabled: false },
      },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false, satisfies_second_factor: false },
    },
    organization_settings: {
      enabled: config.organizations.enabled,
      max_allowed_memberships: config.organizations.maxAllowedMemberships,
      actions: { admin_delete: config.organizations.adminDelete },
      domains: { enabled: false, enrollment_modes: [], default_role: 'org:member' },
      slug: { disabled: config.organizations.slugDisabled },
      creator_role: config.organizations.creatorRole,
      // Not in the published schema, but Clerk sends it and the UI hides the personal account by it.
      force_organization_selection: !config.organizations.personalAccounts,
    },
    fraud_settings: { object: 'fraud_settings', native: { device_attestation_mode: 'disabled' } },
    commerce_settings: {
      billing: {
        stripe_publishable_key: null,
        free_trial_requires_payment_method: false,
        user: { enabled: false, has_paid_plans: false },
        organization: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: { enabled: false, user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    protect_config: { loaders: [] },
    client_debug_mode: false,
    partitioned_cookies: false,
    maintenance_mode: false,
  }
}
