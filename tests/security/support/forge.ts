import { generateKeyPairSync } from 'node:crypto'
import { SignJWT } from 'jose'
import type { RunningEmulator } from '../../../emulator/src/index.ts'
import { CATEGORY_JWT_TEMPLATE, CATEGORY_SESSION_TOKEN } from '../../../emulator/src/tokens.ts'

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

/** Another Clerk instance: its own signing key and Frontend API host. */
const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 })

export interface ForgeTarget {
  emulator: RunningEmulator
  appUrl: string
  userId: string
  sessionId: string
}

/** The claims the emulator puts in a session token (emulator/src/tokens.ts), valid right now. */
function sessionClaims(target: ForgeTarget, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000)
  return {
    azp: target.appUrl,
    exp: now + 60,
    fva: [0, -1],
    iat: now,
    iss: `https://${target.emulator.keys.frontendApiDomain}`,
    nbf: now - 10,
    sid: target.sessionId,
    sts: 'active',
    sub: target.userId,
    v: 2,
    metadata: {},
    ...overrides,
  }
}

function sign(claims: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0], header: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).sign(key)
}

/**
 * Tokens an attacker could present for a real user and session, each wrong in exactly one way.
 * Every one must be refused. The well-formed control (`valid`) proves the refusals are not
 * caused by anything else in the request.
 */
export async function forgeTokens(target: ForgeTarget): Promise<{ valid: string, forged: Record<string, string> }> {
  const { keys } = target.emulator
  const ours = { kid: keys.kid, cat: CATEGORY_SESSION_TOKEN }
  const now = Math.floor(Date.now() / 1000)
  const valid = await sign(sessionClaims(target), keys.privateKey, ours)
  const [, payload] = valid.split('.')
  const hmacWithPublicKey = await new SignJWT(sessionClaims(target))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.kid, cat: CATEGORY_SESSION_TOKEN })
    .sign(new TextEncoder().encode(keys.publicKeyPem))
  return {
    valid,
    forged: {
      'malformed': 'not.a.jwt',
      'garbage bytes': '\u00ff\u00fe%%%.@@@.!!!',
      'tampered payload': `${valid.split('.')[0]}.${b64url(sessionClaims(target, { sub: 'user_someone_else' }))}.${valid.split('.')[2]}`,
      'truncated signature': valid.slice(0, -12),
      'expired': await sign(sessionClaims(target, { iat: now - 3600, nbf: now - 3610, exp: now - 3540 }), keys.privateKey, ours),
      'not yet valid': await sign(sessionClaims(target, { iat: now + 600, nbf: now + 600, exp: now + 660 }), keys.privateKey, ours),
      'signed by another key': await sign(sessionClaims(target), foreign.privateKey, ours),
      'alg none': `${b64url({ alg: 'none', typ: 'JWT', kid: keys.kid, cat: CATEGORY_SESSION_TOKEN })}.${payload}.`,
      'HS256 keyed with the public key': hmacWithPublicKey,
      'another instance': await sign(sessionClaims(target, { iss: 'https://other-instance.accounts.example' }), foreign.privateKey, { kid: 'ins_other', cat: CATEGORY_SESSION_TOKEN }),
      'azp outside the authorized parties': await sign(sessionClaims(target, { azp: 'https://evil.example' }), keys.privateKey, ours),
      'no azp': await sign(sessionClaims(target, { azp: undefined }), keys.privateKey, ours),
      'JWT template token': await sign(sessionClaims(target), keys.privateKey, { kid: keys.kid, cat: CATEGORY_JWT_TEMPLATE }),
      'no subject': await sign(sessionClaims(target, { sub: undefined }), keys.privateKey, ours),
    },
  }
}
