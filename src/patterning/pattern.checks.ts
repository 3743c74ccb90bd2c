import type { Literal, ObjectPath } from './pattern.types.js';

/**
 * Hash algorithms the reference validator checks values of, keyed by the name with hyphens
 * removed and upper-cased (so `'SHA-256'`, `SHA256` and `sha256` all find SHA-256).
 */
const HASH_SHAPES: Readonly<Record<string, RegExp>> = {
  MD5: /^[a-fA-F0-9]{32}$/,
  MD6: /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{56}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$/,
  RIPEMD160: /^[a-fA-F0-9]{40}$/,
  SHA1: /^[a-fA-F0-9]{40}$/,
  SHA224: /^[a-fA-F0-9]{56}$/,
  SHA256: /^[a-fA-F0-9]{64}$/,
  SHA384: /^[a-fA-F0-9]{96}$/,
  SHA512: /^[a-fA-F0-9]{128}$/,
  SHA3224: /^[a-fA-F0-9]{56}$/,
  SHA3256: /^[a-fA-F0-9]{64}$/,
  SHA3384: /^[a-fA-F0-9]{96}$/,
  SHA3512: /^[a-fA-F0-9]{128}$/,
  SSDEEP: /^[a-zA-Z0-9/+:.]{1,128}$/,
  WHIRLPOOL: /^[a-fA-F0-9]{128}$/,
};

/**
 * For a comparison on `…hashes.<ALGO>` with string values, the first value that does not have
 * the shape of that algorithm's digests (with the algorithm as written), else undefined.
 */
export function invalidHash(
  path: ObjectPath,
  value: Literal | undefined,
): { algorithm: string; value: string } | undefined {
  const last = path.steps[path.steps.length - 1];
  if (!last || last.kind !== 'key') return undefined;
  const underHashes = path.steps.slice(0, -1).some((step) => step.kind === 'key' && step.key === 'hashes');
  if (!underHashes) return undefined;
  const shape = HASH_SHAPES[last.key.toUpperCase().replaceAll('-', '')];
  if (!shape || !value) return undefined;
  const candidates = value.kind === 'set' ? value.values : [value];
  for (const candidate of candidates) {
    if (candidate.kind === 'string' && !shape.test(candidate.value))
      return { algorithm: last.key, value: candidate.value };
  }
  return undefined;
}
