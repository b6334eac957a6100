// The Account Portal in the browser: loads Clerk and mounts the component the page names. Redirects
// after sign-in go only to the origins the emulator allows; clerk-js drops any other `redirect_url`
// (or `sign_in_force_redirect_url`, ...) and falls back to the portal's own account page.

const LOOPBACK = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]|[a-z0-9.-]+\.localhost)(?::\d+)?$/i

const config = JSON.parse(document.getElementById('clerk-portal-config').textContent)

// Clerk's redirect parameters. An app's server middleware sends them in the query string; the
// hash-routed components read theirs from the hash, and only from there carry `redirect_url` onto
// their "Sign up" / "Sign in" links and follow it once done.
const REDIRECT_PARAMS = ['redirect_url', 'sign_in_force_redirect_url', 'sign_in_fallback_redirect_url', 'sign_up_force_redirect_url', 'sign_up_fallback_redirect_url']

function moveRedirectParamsToHash() {
  const url = new URL(window.location.href)
  const moved = REDIRECT_PARAMS.filter(name => url.searchParams.has(name))
  if (moved.length === 0) return
  const [path, query = ''] = url.hash.slice(1).split('?')
  const params = new URLSearchParams(query)
  for (const name of moved) {
    if (!params.has(name)) params.set(name, url.searchParams.get(name))
    url.searchParams.delete(name)
  }
  url.hash = `${path || '/'}?${params}`
  history.replaceState(history.state, '', url)
}

moveRedirectParamsToHash()

window.__portalReady = (async () => {
  const clerk = window.Clerk
  await clerk.load({
    ui: { ClerkUI: window.__internal_ClerkUICtor },
    signInUrl: config.signInUrl,
    signUpUrl: config.signUpUrl,
    signInFallbackRedirectUrl: config.userProfileUrl,
    signUpFallbackRedirectUrl: config.userProfileUrl,
    afterSignOutUrl: config.signInUrl,
    allowedRedirectOrigins: config.allowedOrigins ?? [LOOPBACK],
  })
  const mount = document.getElementById('clerk-portal')
  if (config.view === 'user') {
    if (!clerk.user) return clerk.redirectToSignIn({ redirectUrl: window.location.href })
    clerk.mountUserProfile(mount, { routing: 'hash' })
  }
  else if (config.view === 'sign-up') {
    clerk.mountSignUp(mount, { routing: 'hash' })
  }
  else {
    clerk.mountSignIn(mount, { routing: 'hash' })
  }
  return config.view
})()
