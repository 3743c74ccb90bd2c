import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newEd25519KeyPair } from '../keys/new-key-pair.js';
import { PEER_TOKEN_TYPE, peerTokenKid, signPeerToken, verifyPeerToken, type PeerTokenClaims } from './peer-token.js';

const { privateKey, publicKey } = newEd25519KeyPair();
const key = { kid: 'kid-cn-node', privateKey };
const now = new Date('2026-11-29T12:00:00Z');
const iat = Math.floor(now.getTime() / 1000);
const claims: PeerTokenClaims = { iss: 'CN', aud: 'RU', iat, exp: iat + 120, jti: 'nonce-1', htm: 'POST', htu: '/taxii2/x/' };
const checks = { issuer: 'CN', now, toleranceSeconds: 300 };
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with any header and claims, correctly signed with the CN key. */
function forged(header: unknown, body: unknown): string {
  const input = `${b64(header)}.${b64(body)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}

describe('peer request tokens', () => {
  it('round-trips: the receiver reads back the claims the sender signed and the key it named', () => {
    const token = signPeerToken(key, claims);
    expect(peerTokenKid(token)).toBe('kid-cn-node');
    expect(verifyPeerToken(token, publicKey, checks)).toEqual(claims);
  });

  it('is a standard EdDSA compact JWS that any JOSE library can check', async () => {
    const { jwtVerify } = await import('jose');
    const { payload, protectedHeader } = await jwtVerify(signPeerToken(key, claims), publicKey, { currentDate: now, typ: PEER_TOKEN_TYPE, issuer: 'CN', audience: 'RU' });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: 'kid-cn-node', typ: PEER_TOKEN_TYPE });
    expect(payload.jti).toBe('nonce-1');
  });

  it('refuses a token signed by another key, or altered after signing', () => {
    const stranger = newEd25519KeyPair();
    expect(() => verifyPeerToken(signPeerToken({ kid: 'kid-cn-node', privateKey: stranger.privateKey }, claims), publicKey, checks)).toThrow('signature verification failed');
    const [h, , s] = signPeerToken(key, claims).split('.');
    expect(() => verifyPeerToken(`${h}.${b64({ ...claims, aud: 'XX' })}.${s}`, publicKey, checks)).toThrow('signature verification failed');
  });

  it('refuses other algorithms, other token types and critical headers even when the signature holds', () => {
    for (const header of [{ alg: 'none', typ: PEER_TOKEN_TYPE }, { alg: 'EdDSA', typ: 'JWT' }, { alg: 'EdDSA', typ: PEER_TOKEN_TYPE, crit: ['exp'] }])
      expect(() => verifyPeerToken(forged({ kid: 'k', ...header }, claims), publicKey, checks)).toThrow('unexpected header');
  });

  it('refuses expired tokens and tokens from the future beyond the clock tolerance, and accepts skew within it', () => {
    const at = (seconds: number) => ({ ...checks, now: new Date(now.getTime() + seconds * 1000) });
    const token = signPeerToken(key, claims);
    expect(verifyPeerToken(token, publicKey, at(120 + 299)).jti).toBe('nonce-1');
    expect(() => verifyPeerToken(token, publicKey, at(120 + 300))).toThrow('expired');
    expect(verifyPeerToken(token, publicKey, at(-300)).jti).toBe('nonce-1');
    expect(() => verifyPeerToken(token, publicKey, at(-301))).toThrow('issued in the future');
  });

  it('refuses a token naming another issuer or missing a claim', () => {
    expect(() => verifyPeerToken(signPeerToken(key, { ...claims, iss: 'RU' }), publicKey, checks)).toThrow('unexpected issuer');
    const { jti: _jti, ...noNonce } = claims;
    expect(() => verifyPeerToken(forged({ alg: 'EdDSA', typ: PEER_TOKEN_TYPE, kid: 'k' }, noNonce), publicKey, checks)).toThrow('claim "jti" missing');
    expect(() => verifyPeerToken(forged({ alg: 'EdDSA', typ: PEER_TOKEN_TYPE, kid: 'k' }, { ...claims, exp: '9999999999' }), publicKey, checks)).toThrow('claim "exp" missing');
  });

  it('refuses what is not a token with a readable reason', () => {
    for (const text of ['', 'abc', 'a.b', 'a.b.c.d', '!!.e30.x'])
      expect(() => verifyPeerToken(text, publicKey, checks)).toThrow(/not a compact JWS|header is not|unexpected header/);
    expect(() => peerTokenKid('not-a-token')).toThrow('the header is not a base64url JSON object');
    expect(() => peerTokenKid(`${b64({ alg: 'EdDSA' })}.e30.x`)).toThrow('the header names no key');
  });
});
