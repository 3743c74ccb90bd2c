import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { KeyAnnouncementBody } from './federation.schema.js';

describe('a key announcement from a peer', () => {
  let node: TestNode;
  const check = Compile(KeyAnnouncementBody);

  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite', party: 'RU' });
  });
  afterAll(async () => node?.close());

  it('is refused at the door when a key is malformed, instead of failing as its times are stored', async () => {
    const keys = (await node.services.federation.peers.card()).keys;
    const announcement = (k: unknown[]) => ({ payload: { type: 'accord-keys', party: 'RU', at: '2026-11-30T00:00:00.000Z', keys: k }, signature: 'x' });
    expect(check.Check(announcement(keys))).toBe(true);
    const [first] = keys;
    expect(first).toBeDefined();
    expect(check.Check(announcement([{ ...first, retired: 'yesterday' }]))).toBe(false);
    expect(check.Check(announcement([{ ...first, created: '30.11.2026' }]))).toBe(false);
    expect(check.Check(announcement([{ ...first, kid: undefined }]))).toBe(false);
    expect(check.Check(announcement([{ ...first, jwk: { kty: 'RSA' } }]))).toBe(false);
  });
});
