// The onboarding route only accepts POST; without this a GET would fall through to the page renderer.
export default defineEventHandler((event) => {
  setResponseHeader(event, 'allow', 'POST')
  throw apiError(event, 405, 'method_not_allowed')
})
