import type { RouterConfig } from '@nuxt/schema'
import type { LocationQuery } from 'vue-router'

/** Lenient as vue-router's own decoding: a malformed escape stays as it was sent. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  }
  catch {
    return text
  }
}

/**
 * vue-router's query parsing, into an object without a prototype. vue-router's own asks `key in
 * query` of a plain object, so `?hasOwnProperty=x` became `[Object.prototype.hasOwnProperty, 'x']`
 * (and `?__proto__=x` replaced the object's prototype), which redirects then wrote back into URLs.
 */
function parseQuery(search: string): LocationQuery {
  const query: LocationQuery = Object.create(null)
  if (search === '' || search === '?') return query
  for (const part of (search.startsWith('?') ? search.slice(1) : search).split('&')) {
    const param = part.replace(/\+/g, ' ')
    const eq = param.indexOf('=')
    const key = decode(eq < 0 ? param : param.slice(0, eq))
    const value = eq < 0 ? null : decode(param.slice(eq + 1))
    const current = query[key]
    if (current === undefined) query[key] = value
    else if (Array.isArray(current)) current.push(value)
    else query[key] = [current, value]
  }
  return query
}

export default { parseQuery } satisfies RouterConfig
