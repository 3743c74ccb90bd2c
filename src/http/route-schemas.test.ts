import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { compileDeferredSchemas } from './lazy-schema-compilers.js';

// Route schemas compile on first use or after the node listens; this finds one that does not compile
// before a user's request does.
describe('the node API', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite' });
  });
  afterAll(async () => node?.close());

  it('has a route schema for every request part and response that compiles', async () => {
    const compiled = await compileDeferredSchemas(() => Promise.resolve());
    expect(compiled).toBeGreaterThan(100);
    expect(await compileDeferredSchemas(() => Promise.resolve())).toBe(0);
    expect((await node.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('forgets the schemas of a closed app', async () => {
    const other = await createTestNode({ dialect: 'sqlite' });
    await other.close();
    expect(await compileDeferredSchemas(() => Promise.resolve())).toBe(0);
  });
});
