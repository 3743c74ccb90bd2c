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
  /** Present on what Accord signs now: the payload is signed as it is (RFC 7797). */
  readonly b64?: false;
  readonly crit?: readonly ['b64'];
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

/** The JWS signing input (RFC 7515 §5.1): the encoded header, a dot, and the payload as signed. */
export function signingInput(encodedHeader: string, payload: string | Buffer): Buffer {
  if (typeof payload === 'string') return Buffer.from(`${encodedHeader}.${payload}`, 'latin1');
  // A bundle's payload is megabytes: copied as bytes, not joined as text.
  return Buffer.concat([Buffer.from(`${encodedHeader}.`, 'latin1'), payload]);
}

/** Room kept before a payload's bytes for the encoded header and its dot (Accord's headers take ~200). */
const HEADER_ROOM = 512;

/**
 * A payload as every signature over it needs it, each form made at most once (a bundle is up to
 * 8 MiB). Accord signs its UTF-8 bytes (RFC 7797, unencoded): they are written once, after room
 * for a header, and each signature's input is its header written into that room, so that no
 * signature copies the payload (joining header and payload took two copies a bundle). The
 * base64url form is made only for signatures from before.
 */
export class SignedPayload {
  private framed: Buffer | undefined;
  private encoded: Buffer | undefined;

  constructor(readonly text: string) {}

  /** The signing input of an unencoded payload under this header. Valid until the next call. */
  unencodedInput(encodedHeader: string): Buffer {
    if (encodedHeader.length >= HEADER_ROOM) return signingInput(encodedHeader, this.bytes());
    const framed = (this.framed ??= withRoom(this.text));
    const start = HEADER_ROOM - encodedHeader.length - 1;
    framed.write(`${encodedHeader}.`, start, 'latin1');
    return framed.subarray(start);
  }

  bytes(): Buffer {
    return (this.framed ??= withRoom(this.text)).subarray(HEADER_ROOM);
  }

  base64url(): Buffer {
    return (this.encoded ??= Buffer.from(this.bytes().toString('base64url'), 'latin1'));
  }
}

function withRoom(text: string): Buffer {
  const framed = Buffer.allocUnsafe(HEADER_ROOM + Buffer.byteLength(text, 'utf8'));
  framed.write(text, HEADER_ROOM, 'utf8');
  return framed;
}

/**
 * The header parameters that mark an unencoded payload (RFC 7797). Encoding a bundle in base64url
 * to sign or verify it took ~8 % of the receiving node's time in replication (the text, its UTF-8
 * bytes, the encoded text and its bytes: four copies of a megabyte); the unencoded form signs the
 * UTF-8 bytes as they are. The payload is detached, so the dots and characters it holds need no care.
 */
const UNENCODED = { b64: false, crit: ['b64'] } as const;

/**
 * Signs a canonical payload with each key; the payload itself is not included (detached). The same
 * EdDSA JWS that jose produces, built with node:crypto: jose copied the payload once per signature.
 */
export function signDetached(payload: string | SignedPayload, keys: ReadonlyArray<{ key: SigningKey; party: string }>, typ: string): Promise<DetachedJws> {
  const prepared = typeof payload === 'string' ? new SignedPayload(payload) : payload;
  const signatures: JwsSignature[] = [];
  for (const { key, party } of keys) {
    const header: SignatureHeader = { alg: 'EdDSA', kid: key.kid, typ, party, purpose: key.purpose, ...UNENCODED };
    const encodedHeader = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
    const signature = sign(null, prepared.unencodedInput(encodedHeader), key.privateKey).toString('base64url');
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

/**
 * How a header says its payload was signed: unencoded (RFC 7797, what Accord signs now), encoded
 * (what it signed before: older ledger entries and receipts), or neither when the header carries
 * anything else critical or a b64 value of another form, which is refused.
 */
function payloadForm(header: Record<string, unknown>): 'unencoded' | 'encoded' | undefined {
  if (!('crit' in header) && !('b64' in header)) return 'encoded';
  const crit = header.crit;
  return header.b64 === false && Array.isArray(crit) && crit.length === 1 && crit[0] === 'b64' ? 'unencoded' : undefined;
}

/**
 * Verifies one detached signature over the payload with the given public key. Only what Accord
 * signs is accepted: alg EdDSA, and no critical header parameter other than an unencoded payload.
 */
export function verifyDetached(payload: string | SignedPayload, signature: JwsSignature, jwk: JWK): Promise<boolean> {
  try {
    if (!BASE64URL.test(signature.protected) || !ED25519_SIGNATURE.test(signature.signature)) return Promise.resolve(false);
    const header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8')) as Record<string, unknown>;
    const form = payloadForm(header);
    if (header.alg !== 'EdDSA' || !form) return Promise.resolve(false);
    const prepared = typeof payload === 'string' ? new SignedPayload(payload) : payload;
    const input = form === 'unencoded' ? prepared.unencodedInput(signature.protected) : signingInput(signature.protected, prepared.base64url());
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
