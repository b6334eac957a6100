import { describe, expect, it } from 'vitest'
import { redactSecrets, traceFields } from '../../server/utils/logger'

// The pure parts of the production logger; smoke.test.ts checks the lines the built server writes.

const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18xIn0.eyJzdWIiOiJ1c2VyXzEiLCJhenAiOiJodHRwczovL2EuZXhhbXBsZSJ9.c2lnbmF0dXJlLXBhcnQ'

// A made-up live key, assembled here so that no key-shaped literal sits in the repository.
const fakeLiveKey = ['sk', 'live', 'AbCdEf0123456789'].join('_')

describe('redactSecrets', () => {
  it.each([
    ['a session token anywhere', `token is ${jwt}!`],
    ['Clerk query parameters', `/?__clerk_db_jwt=dvb_opaque123&__clerk_handshake=${jwt}&__clerk_handshake_nonce=n0nce`],
    ['an Authorization header', `{ authorization: 'Bearer opaque-token-123' }`],
    ['a Cookie header', 'cookie: __session=opaque-session; __client_uat=1'],
    ['session cookies in text', 'sent __session_Abc123=opaque-session and __refresh_Abc=opaque-refresh'],
    ['a Clerk secret key', `NUXT_CLERK_SECRET_KEY=${fakeLiveKey}`],
    ['a test secret key', 'key sk_test_AbCdEf0123456789 in use'],
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----'],
  ])('removes %s', (_, text) => {
    const redacted = redactSecrets(text)
    expect(redacted).toContain('[REDACTED]')
    for (const secret of [jwt, 'dvb_opaque123', 'n0nce', 'opaque-token-123', 'opaque-session', 'opaque-refresh', 'AbCdEf0123456789', 'MIIEvQIBADANBg']) {
      expect(redacted).not.toContain(secret)
    }
  })

  it('leaves ordinary text, paths and publishable keys alone', () => {
    const text = 'GET /dashboard?tab=apps 200 12ms pk_live_Y2xlcmsuZXhhbXBsZS5jb20k'
    expect(redactSecrets(text)).toBe(text)
  })
})

describe('traceFields', () => {
  it('reads X-Cloud-Trace-Context into Cloud Logging\'s trace, span (hex) and sampled fields', () => {
    expect(traceFields({ cloudTrace: '105445aa7843bc8bf206b12000100000/1;o=1' }, 'my-project')).toEqual({
      'logging.googleapis.com/trace': 'projects/my-project/traces/105445aa7843bc8bf206b12000100000',
      'logging.googleapis.com/spanId': '0000000000000001',
      'logging.googleapis.com/trace_sampled': true,
    })
  })

  it('falls back to W3C traceparent', () => {
    expect(traceFields({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' }, 'p')).toEqual({
      'logging.googleapis.com/trace': 'projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
      'logging.googleapis.com/trace_sampled': false,
    })
  })

  it('adds nothing without a project or a well-formed header', () => {
    expect(traceFields({ cloudTrace: '105445aa7843bc8bf206b12000100000/1;o=1' }, '')).toEqual({})
    expect(traceFields({ cloudTrace: 'not-a-trace' }, 'p')).toEqual({})
    expect(traceFields({}, 'p')).toEqual({})
  })
})
