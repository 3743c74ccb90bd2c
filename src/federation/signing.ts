import { createPublicKey, type KeyObject } from 'node:crypto';
import { base64url, FlattenedSign, flattenedVerify, type JWK } from 'jose';
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

/** Signs a canonical payload with each key; the payload itself is not included (detached). */
export async function signDetached(payload: string, keys: ReadonlyArray<{ key: SigningKey; party: string }>, typ: string): Promise<DetachedJws> {
  const bytes = new TextEncoder().encode(payload);
  const signatures: JwsSignature[] = [];
  for (const { key, party } of keys) {
    const header: SignatureHeader = { alg: 'EdDSA', kid: key.kid, typ, party, purpose: key.purpose };
    const jws = await new FlattenedSign(bytes).setProtectedHeader({ ...header }).sign(key.privateKey);
    signatures.push({ protected: jws.protected ?? '', signature: jws.signature });
  }
  return { signatures };
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

/** Verifies one detached signature over the payload with the given public key. */
export async function verifyDetached(payload: string, signature: JwsSignature, jwk: JWK): Promise<boolean> {
  try {
    await flattenedVerify({ payload: base64url.encode(payload), protected: signature.protected, signature: signature.signature }, publicKeyOf(jwk), { algorithms: ['EdDSA'] });
    return true;
  } catch {
    return false;
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
