import type { OAuthAccountRecord } from '../store.ts'
import { OAUTH_PREFIX } from '../urls.ts'

// The provider page's HTML, modelled on the Firebase Auth emulator's: the accounts this provider
// "has", a form for a new one (an email and a name), and a way to decline. Plain forms, no script,
// so it runs under a CSP that allows none.

export interface ProviderPageView {
  /** `google`, as in the path. */
  provider: string
  /** `Google` */
  providerName: string
  applicationName: string
  state: string
  accounts: OAuthAccountRecord[]
  /** A refused new-account form: the message and what was typed. */
  problem?: { message: string, email: string, firstName: string, lastName: string }
}

export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Clerk emulator</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${OAUTH_PREFIX}/provider.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

function accountLabel(account: OAuthAccountRecord): string {
  const name = `${account.first_name} ${account.last_name}`.trim()
  return `<span class="name">${escapeHtml(name || account.email_address)}</span> <span class="email">${escapeHtml(account.email_address)}</span>`
}

export function providerPage(view: ProviderPageView): string {
  const action = `${OAUTH_PREFIX}/${view.provider}/authorize`
  const state = `<input type="hidden" name="state" value="${escapeHtml(view.state)}">`
  const name = escapeHtml(view.providerName)
  const accounts = view.accounts.length === 0
    ? ''
    : `<section aria-labelledby="accounts-heading">
<h2 id="accounts-heading">Choose an account</h2>
<form method="post" action="${action}">${state}
<ul class="accounts">
${view.accounts.map(a => `<li><button type="submit" name="account" value="${escapeHtml(a.id)}">${accountLabel(a)}</button></li>`).join('\n')}
</ul>
</form>
</section>`
  const problem = view.problem
  return layout(`Sign in with ${view.providerName}`, `<h1>Sign in with ${name}</h1>
<p class="to">to continue to <strong>${escapeHtml(view.applicationName)}</strong></p>
<p class="notice">Clerk emulator: an offline stand-in for ${name}. Nothing you enter leaves this machine.</p>
${accounts}
<section aria-labelledby="new-heading">
<h2 id="new-heading">Add a new account</h2>
<form method="post" action="${action}">${state}
${problem ? `<p class="problem" role="alert" id="new-account-problem">${escapeHtml(problem.message)}</p>` : ''}
<label for="oauth-email">Email</label>
<input id="oauth-email" name="email" type="email" required autocomplete="off" value="${escapeHtml(problem?.email ?? '')}"${problem ? ' aria-invalid="true" aria-describedby="new-account-problem"' : ''}>
<label for="oauth-first-name">First name</label>
<input id="oauth-first-name" name="first_name" autocomplete="off" value="${escapeHtml(problem?.firstName ?? '')}">
<label for="oauth-last-name">Last name</label>
<input id="oauth-last-name" name="last_name" autocomplete="off" value="${escapeHtml(problem?.lastName ?? '')}">
<button type="submit" name="add" value="1">Sign in with the new account</button>
</form>
</section>
<form method="post" action="${action}" class="cancel">${state}
<button type="submit" name="deny" value="1">Cancel</button>
</form>`)
}

/** What a stale, forged or used link shows: nothing to pick, no way to continue. */
export function providerErrorPage(providerName: string, message: string): string {
  return layout(`Sign in with ${providerName}`, `<h1>Sign in with ${escapeHtml(providerName)}</h1>
<p class="problem" role="alert">${escapeHtml(message)}</p>
<p>Go back to the app and start the sign-in again.</p>`)
}
