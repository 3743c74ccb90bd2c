import { createPublicKey, sign } from 'node:crypto';
import { base64url, exportJWK, FlattenedSign, flattenedVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { SigningKey } from '../keys/key-ring.js';
import { newEd25519KeyPair } from '../keys/new-key-pair.js';
import { canonicalJson } from '../objects/object-row.js';
import { receiptText, type Receipt } from './receipt.js';
import { canonicalBundle, signDetached, SignedPayload, verifyDetached } from './signing.js';

async function signingKey(kid: string, purpose: 'node' | 'authority'): Promise<SigningKey> {
  const { privateKey, publicKey } = newEd25519KeyPair();
  return { kid, purpose, authorityRef: null, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid } };
}

/** Signatures are exchanged between nodes and kept as evidence: they stay the JWS that jose makes and checks. */
describe('detached signatures', () => {
  const payload = canonicalBundle('bundle--00000000-0000-4000-8000-000000000000', ['{"id":"indicator--1","name":"Сервер управления 控制服务器"}']);
  /** A protected header as a JWS carries it, for forging one. */
  const header = (h: Record<string, unknown>) => base64url.encode(JSON.stringify(h));

  it('are byte for byte what jose produces over the unencoded payload (RFC 7797), and jose verifies them', async () => {
    const node = await signingKey('kid-node', 'node');
    const authority = await signingKey('kid-authority', 'authority');
    const jws = await signDetached(payload, [{ key: node, party: 'CN' }, { key: authority, party: 'CN' }], 'accord-bundle+jws');
    expect(jws.signatures).toHaveLength(2);
    for (const [i, key] of [node, authority].entries()) {
      const protectedHeader = { alg: 'EdDSA', kid: key.kid, typ: 'accord-bundle+jws', party: 'CN', purpose: key.purpose, b64: false, crit: ['b64'] };
      const expected = await new FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader(protectedHeader).sign(key.privateKey);
      expect(jws.signatures[i]).toEqual({ protected: expected.protected, signature: expected.signature });
      const signature = jws.signatures[i];
      if (!signature) throw new Error('missing signature');
      await expect(flattenedVerify({ payload, ...signature }, createPublicKey(key.privateKey), { algorithms: ['EdDSA'] })).resolves.toBeDefined();
      // The same signature over the base64url form of the payload (what jose checks without b64) fails.
      await expect(flattenedVerify({ payload: base64url.encode(payload), ...signature }, createPublicKey(key.privateKey), { algorithms: ['EdDSA'] })).rejects.toThrow();
    }
  });

  it('verify both forms jose signs and refuse a changed payload, a changed header, another key or a malformed signature', async () => {
    const key = await signingKey('kid-verify', 'node');
    const other = await signingKey('kid-other', 'node');
    const signedHeader = { alg: 'EdDSA', kid: key.kid, typ: 'accord-bundle+jws', party: 'CN', purpose: 'node' };
    // Encoded: what Accord signed before RFC 7797, still in older ledgers and receipts. Unencoded: what it signs now.
    for (const extra of [{}, { b64: false, crit: ['b64'] }]) {
      const made = await new FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader({ ...signedHeader, ...extra }).sign(key.privateKey);
      const signature = { protected: made.protected ?? '', signature: made.signature };
      expect(await verifyDetached(payload, signature, key.publicJwk)).toBe(true);
      expect(await verifyDetached(new SignedPayload(payload), signature, key.publicJwk)).toBe(true);
      expect(await verifyDetached(payload.replace('Сервер', 'Cервер'), signature, key.publicJwk)).toBe(false);
      expect(await verifyDetached(payload, signature, other.publicJwk)).toBe(false);
      expect(await verifyDetached(payload, { ...signature, protected: header({ alg: 'EdDSA', kid: key.kid, party: 'RU', ...extra }) }, key.publicJwk)).toBe(false);
      expect(await verifyDetached(payload, { ...signature, signature: `${signature.signature}A` }, key.publicJwk)).toBe(false);
      expect(await verifyDetached(payload, { ...signature, signature: signature.signature.replace(/.$/, 'B') }, key.publicJwk)).toBe(false);
    }

    // One prepared payload serves signatures whose headers differ in length, and one too long for the room it keeps.
    const prepared = new SignedPayload(payload);
    for (const kid of ['k', key.kid, 'k'.repeat(700)]) {
      const made = await new FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'EdDSA', kid, b64: false, crit: ['b64'] }).sign(key.privateKey);
      expect(await verifyDetached(prepared, { protected: made.protected ?? '', signature: made.signature }, key.publicJwk)).toBe(true);
    }

    // A header with any other critical parameter, or a b64 value jose would not sign as it stands, is refused even when signed.
    for (const extra of [{ crit: ['exp'], exp: 1 }, { b64: false }, { b64: true, crit: ['b64'] }, { b64: false, crit: ['b64', 'exp'], exp: 1 }]) {
      const odd = await new FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, ...extra }).sign(key.privateKey).catch(() => undefined);
      const protectedHeader = odd?.protected ?? header({ alg: 'EdDSA', kid: key.kid, ...extra });
      const input = Buffer.concat([Buffer.from(`${protectedHeader}.`), Buffer.from(extra.b64 === false ? payload : base64url.encode(payload))]);
      const forged = { protected: protectedHeader, signature: sign(null, input, key.privateKey).toString('base64url') };
      expect(await verifyDetached(payload, forged, key.publicJwk)).toBe(false);
    }
  });
});

describe('the canonical text of a receipt', () => {
  it('is the same whether the receipt was built in canonical member order or not', () => {
    const results = [{ id: 'indicator--1', version: '2026-11-01T08:00:00.000Z', status: 'new' }, { id: '(element 1)', version: null, status: 'rejected' }];
    const unordered: Receipt = { type: 'accord-receipt', bundle_id: 'bundle--1', bundle_sha256: 'a'.repeat(64), from: 'CN', to: 'RU', received: '2026-11-29T07:00:00.000Z', results };
    const ordered = JSON.parse(canonicalJson(unordered)) as Receipt;
    expect(receiptText(unordered)).toBe(canonicalJson(unordered));
    expect(receiptText(ordered)).toBe(canonicalJson(unordered));
  });
});
