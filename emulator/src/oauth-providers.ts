// The social connections Clerk knows, by strategy: the keys of `user_settings.social` in Clerk's
// published Frontend API schema (fapi-2026-05-12, `UserSettings.Socials`), with the names the
// prebuilt UI shows (@clerk/shared `OAUTH_PROVIDERS`). Clerk's internal mock providers are left out.

export interface OAuthProvider {
  /** `oauth_google`: the strategy, the key in `user_settings.social`, the `provider` of an external account. */
  strategy: string
  name: string
  /** What the provider grants by default (an external account's `approved_scopes`). */
  scopes: string
}

const GOOGLE_SCOPES = 'email https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile openid profile'

const NAMES: Record<string, string> = {
  apple: 'Apple', atlassian: 'Atlassian', bitbucket: 'Bitbucket', box: 'Box', coinbase: 'Coinbase',
  discord: 'Discord', dropbox: 'Dropbox', enstall: 'Enstall', expressen: 'Expressen', facebook: 'Facebook',
  github: 'GitHub', gitlab: 'GitLab', google: 'Google', hubspot: 'HubSpot', huggingface: 'Hugging Face',
  instagram: 'Instagram', line: 'LINE', linear: 'Linear', linkedin: 'LinkedIn', linkedin_oidc: 'LinkedIn',
  microsoft: 'Microsoft', notion: 'Notion', slack: 'Slack', spotify: 'Spotify', tiktok: 'TikTok',
  twitch: 'Twitch', twitter: 'Twitter', x: 'X / Twitter', xero: 'Xero',
}

const SCOPES: Record<string, string> = { google: GOOGLE_SCOPES, github: 'read:user user:email' }

export const OAUTH_PROVIDERS: readonly OAuthProvider[] = Object.entries(NAMES).map(([id, name]) => ({
  strategy: `oauth_${id}`,
  name,
  scopes: SCOPES[id] ?? 'email profile',
}))

/** The provider a strategy (`oauth_google`) or a bare name (`google`) names, if Clerk knows it. */
export function oauthProvider(name: string): OAuthProvider | undefined {
  const strategy = name.startsWith('oauth_') ? name : `oauth_${name}`
  return OAUTH_PROVIDERS.find(p => p.strategy === strategy)
}
