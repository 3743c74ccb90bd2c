import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../objects/object-row.js';
import { entryHash, HASHED_FIELDS, type HashedEntry } from './ledger-hash.js';

/** The general definition the chain was written with: the hash of the previous hash and the RFC 8785 text of the rest. */
function reference(entry: Record<string, unknown>): string {
  const { prevHash, ...rest } = entry;
  return sha256Hex(`${String(prevHash)}\n${canonicalJson(rest)}`);
}

const base: HashedEntry = {
  seq: 41, atUs: 1_764_403_200_123_456, kind: 'received', party: 'RU', objectId: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', versionUs: 1_762_000_000_000_000,
  contentHash: 'a'.repeat(64), bundleId: 'bundle--0b9e3c1e-6a55-4f0e-9a57-7d8a4a1f2c3b', signature: null, channelIndex: 7, channelHead: 'b'.repeat(64), prevHash: 'c'.repeat(64),
};

describe('ledger entry hashes', () => {
  it('list the hashed members in canonical order', () => {
    expect([...HASHED_FIELDS]).toEqual([...HASHED_FIELDS].sort());
    const { prevHash: _prev, ...rest } = base;
    expect(Object.keys(rest).sort()).toEqual([...HASHED_FIELDS]);
  });

  it('are the hashes of the RFC 8785 text, for every kind of entry and value', () => {
    const entries: HashedEntry[] = [
      base,
      { ...base, kind: 'receipt-sent', objectId: null, versionUs: null, channelIndex: null, channelHead: null, signature: 'eyJzaWduYXR1cmVzIjpbXX0' },
      { ...base, party: 'Россия', objectId: 'x-accord--"quoted"\\slash\u2028\u0001', contentHash: '控制服务器 \ud83d\ude00', seq: 0, atUs: -1 },
      { ...base, kind: 'sent', versionUs: 0, channelIndex: 2 ** 53 - 1 },
    ];
    for (const entry of entries) expect(entryHash(entry)).toBe(reference(entry as unknown as Record<string, unknown>));
  });

  it('hash a row with other members or values (as read from an evidence file) the general way', () => {
    const odd = [{ ...base, note: 'extra' }, { ...base, versionUs: '1762000000000000' }, { ...base, channelIndex: undefined }, { ...base, signature: { nested: true } }];
    for (const entry of odd) expect(entryHash(entry as unknown as HashedEntry)).toBe(reference(entry as unknown as Record<string, unknown>));
  });
});
