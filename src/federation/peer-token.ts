import { sign, verify, type KeyObject } from 'node:crypto';
import { BASE64URL, ED25519_SIGNATURE, signingInput } from './signing.js';

/**
 * The compact JWT (RFC 7519) a node signs for each request to a peer, EdDSA with its node key.
 * Built on node:crypto's one-shot Ed25519: jose signs and verifies through WebCrypto, whose
 * round trip through the thread pool cost ~1 ms on each side of every request to a peer.
 */
export interface PeerTokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  /** The HTTP method and path the token is bound to. */
  readonly htm: string;
  readonly htu: string;
}

export const PEER_TOKEN_TYPE = 'accord-peer+jwt';

/** Why a token was refused; its message names the failed check. */
export class PeerTokenError extends Error {}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode(segment: string | undefined, what: string): Record<string, unknown> {
  try {
    if (!segment || !BASE64URL.test(segment)) throw new Error();
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
    return value as Record<string, unknown>;
  } catch {
    throw new PeerTokenError(`${what} is not a base64url JSON object`);
  }
}

export function signPeerToken(key: { kid: string; privateKey: KeyObject }, claims: PeerTokenClaims): string {
  const header = encode({ alg: 'EdDSA', kid: key.kid, typ: PEER_TOKEN_TYPE });
  const payload = encode(claims);
  return `${header}.${payload}.${sign(null, signingInput(header, payload), key.privateKey).toString('base64url')}`;
}

/** The key id a token names, read before its key is looked up (and before it is verified). */
export function peerTokenKid(token: string): string {
  const kid = decode(token.split('.')[0], 'the header').kid;
  if (typeof kid !== 'string' || kid.length === 0) throw new PeerTokenError('the header names no key');
  return kid;
}

/**
 * Checks the signature, the header (EdDSA, this token type, nothing critical), the issuer and the
 * times: not expired and not issued in the future, each within the tolerance for clock skew.
 */
export function verifyPeerToken(token: string, publicKey: KeyObject, expect: { issuer: string; now: Date; toleranceSeconds: number }): PeerTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new PeerTokenError('not a compact JWS');
  const [header, payload, signature] = parts as [string, string, string];
  const head = decode(header, 'the header');
  if (head.alg !== 'EdDSA' || head.typ !== PEER_TOKEN_TYPE || 'crit' in head || 'b64' in head) throw new PeerTokenError('unexpected header');
  if (!ED25519_SIGNATURE.test(signature) || !BASE64URL.test(payload) || !verify(null, signingInput(header, payload), publicKey, Buffer.from(signature, 'base64url')))
    throw new PeerTokenError('signature verification failed');
  const claims = decode(payload, 'the payload');
  for (const name of ['iss', 'aud', 'jti', 'htm', 'htu'] as const)
    if (typeof claims[name] !== 'string') throw new PeerTokenError(`claim "${name}" missing`);
  for (const name of ['iat', 'exp'] as const)
    if (typeof claims[name] !== 'number' || !Number.isFinite(claims[name])) throw new PeerTokenError(`claim "${name}" missing`);
  const now = Math.floor(expect.now.getTime() / 1000);
  if (claims.iss !== expect.issuer) throw new PeerTokenError('unexpected issuer');
  if ((claims.exp as number) <= now - expect.toleranceSeconds) throw new PeerTokenError('expired');
  if ((claims.iat as number) > now + expect.toleranceSeconds) throw new PeerTokenError('issued in the future');
  return claims as unknown as PeerTokenClaims;
}
