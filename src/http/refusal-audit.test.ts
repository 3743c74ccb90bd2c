import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { envelope, indicator } from '../../test/support/stix-factory.js';
import { bearer as bearerOf, cnWithPeerRu, refusals as refusalsOn, type AuditEvent } from '../../test/support/refusals.js';
import type { TestNode } from '../../test/support/test-node.js';
import { peerToken, PEER_SCHEME } from '../federation/peer-auth.js';

const TAXII = 'application/taxii+json;version=2.1';

describe.each(dialects)('every 403 the API answers is audited exactly once, on %s', (dialect) => {
  let cn: TestNode;
  let ru: TestNode;
  const bearer = (role: 'admin' | 'analyst' | 'reader') => bearerOf(cn, role);
  const refusals = (): Promise<AuditEvent[]> => refusalsOn(cn);
  /** The refusals the request wrote, after checking it was answered 403. */
  const refusalsOf = async (request: () => Promise<{ statusCode: number }>): Promise<AuditEvent[]> => {
    const before = (await refusals()).length;
    expect((await request()).statusCode).toBe(403);
    const after = await refusals();
    return after.slice(0, after.length - before);
  };

  beforeAll(async () => {
    ({ cn, ru } = await cnWithPeerRu(dialect));
  });
  afterAll(async () => {
    await cn?.close();
    await ru?.close();
  });

  it.each([
    ['GET', '/api/v1/users', 'GET /api/v1/users'],
    ['GET', '/api/v1/audit?limit=5', 'GET /api/v1/audit'],
    ['POST', '/api/v1/ledger/verify', 'POST /api/v1/ledger/verify'],
    ['DELETE', '/api/v1/peers/RU', 'DELETE /api/v1/peers/:party'],
  ] as const)('records a reader refused %s %s, naming them and the route', async (method, url, route) => {
    const headers = await bearer('reader');
    let requestId = '';
    const added = await refusalsOf(async () => {
      const response = await cn.app.inject({ method, url, headers });
      requestId = response.json<{ requestId: string }>().requestId;
      return response;
    });
    expect(added).toEqual([
      expect.objectContaining({ actor: 'reader', action: 'request.refused', outcome: 'denied', targetType: 'route', targetId: route, requestId }),
    ]);
    expect(added[0]?.detail).toMatchObject({ code: 'forbidden' });
  });

  it('still records a refused TAXII add and a refused object write once, under their own actions', async () => {
    const reader = await bearer('reader');
    const taxii = await refusalsOf(() => cn.app.inject({
      method: 'POST', url: '/taxii2/cn-ru-2015/collections/intel/objects/', headers: { ...reader, accept: TAXII, 'content-type': TAXII }, payload: envelope([indicator()]),
    }));
    expect(taxii).toEqual([expect.objectContaining({ actor: 'reader', action: 'taxii.add', targetId: 'intel' })]);

    const objects = await refusalsOf(() => cn.app.inject({ method: 'POST', url: '/api/v1/objects', headers: reader, payload: [indicator()] }));
    expect(objects).toEqual([expect.objectContaining({ actor: 'reader', action: 'objects.write' })]);
    const admin = await bearer('admin');
    const inbox = await refusalsOf(() => cn.app.inject({ method: 'POST', url: '/api/v1/objects?collection=inbox-RU', headers: admin, payload: [indicator()] }));
    expect(inbox).toEqual([expect.objectContaining({ actor: 'admin', action: 'objects.write', targetId: 'inbox-RU' })]);
  });

  it('records a peer token meant for another node once, as the peer authentication refusal', async () => {
    const key = await ru.services.keys.active('node');
    const url = '/api/v1/objects';
    const added = await refusalsOf(() => cn.app.inject({ method: 'GET', url, headers: { authorization: `${PEER_SCHEME} ${peerToken(key, 'RU', 'KZ', 'GET', url, new Date())}` } }));
    expect(added).toEqual([expect.objectContaining({ action: 'peer.auth', targetId: 'RU' })]);
  });
});
