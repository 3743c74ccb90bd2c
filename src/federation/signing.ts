import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { sha256Hex } from '../objects/object-row.js';
import type { SigningKey } from '../keys/key-ring.js';

/** One signature of a detached general JWS (RFC 7515 §7.2 with the payload left out, RFC 7515 App. F). */
export interface JwsSignature {
  readonly protected: string;
  readonly signature: string;
}

/** A detached JWS with one or more signatures over the same canonical payload. */
export interface DetachedJws {
  readonly signatures: readonly JwsSignature[];
}

export interface SignatureHeader {
  readonly alg: 'EdDSA';
  readonly kid: string;
  readonly typ: string;
  readonly party: string;
  readonly purpose: 'node' | 'authority';
}

/**
 * The RFC 8785 canonical text of a bundle, built from objects that are already canonical (the
 * store keeps them so): member names in canonical order are "id", "objects", "type".
 */
export function canonicalBundle(bundleId: string, canonicalObjects: readonly string[]): string {
  return `{"id":${JSON.stringify(bundleId)},"objects":[${canonicalObjects.join(',')}],"type":"bundle"}`;
}

export function payloadHash(payload: string): string {
  return sha256Hex(payload);
}

export const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** 64 bytes in base64url without padding, the last character carrying two zero bits. */
export const ED25519_SIGNATURE = /^[A-Za-z0-9_-]{85}[AQgw]$/;

/** The JWS signing input (RFC 7515 §5.1): header and payload, each base64url-encoded. */
export function signingInput(encodedHeader: string, encodedPayload: string | EncodedPayload): Buffer {
  if (typeof encodedPayload === 'string') return Buffer.from(`${encodedHeader}.${encodedPayload}`, 'latin1');
  // A bundle's encoded payload is megabytes: copied as bytes, not joined and re-encoded as text.
  return Buffer.concat([Buffer.from(`${encodedHeader}.`, 'latin1'), encodedPayload.bytes]);
}

/**
 * Signs a canonical payload with each key; the payload itself is not included (detached). The same
 * compact EdDSA JWS that jose produces, built with node:crypto: jose base64url-encoded the
 * payload (a bundle is hundreds of kilobytes) in script, once per signature.
 */
export function signDetached(payload: string, keys: ReadonlyArray<{ key: SigningKey; party: string }>, typ: string): Promise<DetachedJws> {
  const encodedPayload = encodePayload(payload);
  const signatures: JwsSignature[] = [];
  for (const { key, party } of keys) {
    const header: SignatureHeader = { alg: 'EdDSA', kid: key.kid, typ, party, purpose: key.purpose };
    const encodedHeader = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
    const signature = sign(null, signingInput(encodedHeader, encodedPayload), key.privateKey).toString('base64url');
    signatures.push({ protected: encodedHeader, signature });
  }
  return Promise.resolve({ signatures });
}

export function decodeHeader(signature: JwsSignature): Partial<SignatureHeader> {
  try {
    return JSON.parse(new TextDecoder().decode(base64url.decode(signature.protected))) as Partial<SignatureHeader>;
  } catch {
    return {};
  }
}

const publicKeys = new Map<string, KeyObject>();

/** The KeyObject of a public JWK, cached by kid (verification runs per bundle). */
export function publicKeyOf(jwk: JWK): KeyObject {
  const kid = jwk.kid ?? JSON.stringify(jwk);
  let key = publicKeys.get(kid);
  if (!key) {
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    publicKeys.set(kid, key);
  }
  return key;
}

/** A payload base64url-encoded once for every signature over it (a bundle is up to 8 MiB), as the bytes the signing input holds. */
export interface EncodedPayload {
  readonly bytes: Buffer;
}

export function encodePayload(payload: string): EncodedPayload {
  return { bytes: Buffer.from(Buffer.from(payload, 'utf8').toString('base64url'), 'latin1') };
}

/**
 * Verifies one detached signature over the payload with the given public key. Only what Accord
 * signs is accepted: alg EdDSA and no critical or unencoded-payload (b64) header parameters.
 */
export function verifyDetached(payload: string | EncodedPayload, signature: JwsSignature, jwk: JWK): Promise<boolean> {
  try {
    if (!BASE64URL.test(signature.protected) || !ED25519_SIGNATURE.test(signature.signature)) return Promise.resolve(false);
    const header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== 'EdDSA' || 'crit' in header || 'b64' in header) return Promise.resolve(false);
    const input = signingInput(signature.protected, typeof payload === 'string' ? encodePayload(payload) : payload);
    return Promise.resolve(verify(null, input, publicKeyOf(jwk), Buffer.from(signature.signature, 'base64url')));
  } catch {
    return Promise.resolve(false);
  }
}

/** Encodes a detached JWS for an HTTP header or a database column. */
export function encodeJws(jws: DetachedJws): string {
  return base64url.encode(JSON.stringify(jws));
}

export function decodeJws(text: string): DetachedJws | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(base64url.decode(text))) as DetachedJws;
    if (!Array.isArray(value.signatures) || value.signatures.some((s: { protected?: unknown; signature?: unknown }) => typeof s.protected !== 'string' || typeof s.signature !== 'string')) return undefined;
    return value;
  } catch {
    return undefined;
  }
}
