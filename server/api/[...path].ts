/**
 * Any other /api path, or a known one with another method, is a JSON 404. Without this the page
 * renderer would answer it with HTML (a sign-in redirect, or a 200 page for a signed-in user).
 */
export default defineEventHandler((event) => {
  throw apiError(event, 404, 'not_found')
})
