import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** RFC 8410's fixed DER prefixes of an Ed25519 key: the 32 bytes after them are the seed, or the public key. */
const PKCS8_PREFIX = '302e020100300506032b657004220420';
const SPKI_PREFIX = '302a300506032b6570032100';

/**
 * A new Ed25519 key pair whose key objects Node's key generator never held.
 *
 * Node 20 can hang a process for good when a key object that `generateKeyPairSync` returned is
 * exported as a JWK: the export holds the key's lock while it allocates, and a garbage collection
 * at that moment finalises the finished generator job, whose destructor takes the same lock. The
 * ingest benchmark's node set-up (what `accord init` does) hung that way on 2026-12-02, and a loop
 * of generating and exporting with a 1 MB young generation hung after 0 to 37,000 keys. Keys
 * imported from the generator's encoded output have locks of their own; imported as a JWK, not as
 * DER, because OpenSSL's DER decoder took 0.39 ms a key against 0.18 for the whole of this.
 */
export function newEd25519KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey: pkcs8, publicKey: spki } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: after(pkcs8, PKCS8_PREFIX), x: after(spki, SPKI_PREFIX) }, format: 'jwk' });
  pkcs8.fill(0);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The 32 bytes after `prefix` in `der`, base64url-encoded; anything else is not an Ed25519 key. */
function after(der: Buffer, prefix: string): string {
  const at = prefix.length / 2;
  if (der.length !== at + 32 || der.toString('hex', 0, at) !== prefix) throw new Error('the generator gave an Ed25519 key in an encoding other than RFC 8410\'s');
  return der.toString('base64url', at);
}
