import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accordOutput } from '../cli/cli-runner.testkit.js';
import { isAccordError } from '../errors/errors.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { indicator } from '../../test/support/stix-factory.js';

const UNKNOWN = 'indicator--0b5f3e0a-6a53-4d0e-9c2b-2f3c1d9e8a71';

describe('ledger evidence and verification, by command line and API', () => {
  let node: TestNode;
  let known: string;
  const audited = async (action: string) => (await node.services.audit.list({ limit: 100, action })).map((r) => ({ actor: r.actor, targetId: r.targetId }));

  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite' });
    const intel = await node.services.collections.byAlias('intel');
    const object = indicator({ pattern: "[ipv4-addr:value = '198.51.100.23']", name: 'evidence subject' });
    await node.services.ingest.ingestObjects([object], { collectionId: intel.id, originParty: null });
    known = String(object.id);
  });
  afterAll(async () => node?.close());

  it('answers 404 for an object the node does not hold instead of an empty evidence package', async () => {
    const headers = { authorization: `Bearer ${await node.token('admin')}`, 'accept-language': 'ru' };
    const missing = await node.app.inject({ method: 'GET', url: `/api/v1/ledger/evidence/${UNKNOWN}`, headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ detail: string }>().detail).toBe(`На этом узле нет объекта ${UNKNOWN}`);
    const found = await node.app.inject({ method: 'GET', url: `/api/v1/ledger/evidence/${known}`, headers });
    expect(found.statusCode).toBe(200);
  });

  it('records an evidence export and a verification made on the command line, as the API does', async () => {
    const refused = await accordOutput('ledger', 'evidence', '--data', node.dataDir, UNKNOWN).then(() => undefined, (error: unknown) => error);
    expect(isAccordError(refused) && refused.code).toBe('not-found');
    expect(await audited('ledger.evidence')).not.toContainEqual({ actor: 'system', targetId: UNKNOWN });
    expect(JSON.parse(await accordOutput('ledger', 'evidence', '--data', node.dataDir, known))).toMatchObject({ accord: 'evidence/1', objectId: known });
    expect(await audited('ledger.evidence')).toContainEqual({ actor: 'system', targetId: known });
    await accordOutput('ledger', 'verify', '--data', node.dataDir);
    expect((await audited('ledger.verify')).map((e) => e.actor)).toContain('system');
  });
});
