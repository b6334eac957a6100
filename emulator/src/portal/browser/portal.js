// The Account Portal in the browser: loads Clerk and mounts the component the page names. Redirects
// after sign-in go only to the origins the emulator allows; clerk-js drops any other `redirect_url`
// (or `sign_in_force_redirect_url`, ...) and falls back to the portal's own account page.

const LOOPBACK = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]|[a-z0-9.-]+\.localhost)(?::\d+)?$/i

const config = JSON.parse(document.getElementById('clerk-portal-config').textContent)

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
