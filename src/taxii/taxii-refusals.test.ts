import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { envelope, indicator } from '../../test/support/stix-factory.js';
import { bearer as bearerOf, cnWithPeerRu, refusals as refusalsOn, type AuditEvent } from '../../test/support/refusals.js';
import type { TestNode } from '../../test/support/test-node.js';
import { peerToken, PEER_SCHEME } from '../federation/peer-auth.js';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/cn-ru-2015';

describe.each(dialects)('refused TAXII and API requests leave an audit record, on %s', (dialect) => {
  let cn: TestNode;
  let ru: TestNode;
  const bearer = (role: 'admin' | 'analyst' | 'reader') => bearerOf(cn, role);
  /** A request signed by the RU node, as its federation client would send it. */
  const asRu = async (method: 'GET' | 'POST', url: string) => {
    const key = await ru.services.keys.active('node');
    return { authorization: `${PEER_SCHEME} ${peerToken(key, 'RU', 'CN', method, url.split('?')[0] ?? url, new Date())}` };
  };
  const taxii = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: string) =>
    cn.app.inject({ method, url, headers: { accept: TAXII, ...(payload ? { 'content-type': TAXII } : {}), ...headers }, ...(payload ? { payload } : {}) });
  const refusals = (): Promise<AuditEvent[]> => refusalsOn(cn);

  beforeAll(async () => {
    ({ cn, ru } = await cnWithPeerRu(dialect));
  });
  afterAll(async () => {
    await cn?.close();
    await ru?.close();
  });

  it('records a refused TAXII write once for the request, naming the actor, the collection and the operation', async () => {
    const before = (await refusals()).length;
    const response = await taxii('POST', `${ROOT}/collections/intel/objects/`, await bearer('reader'), envelope([indicator(), indicator(), indicator()]));
    expect(response.statusCode).toBe(403);
    const after = await refusals();
    const added = after.slice(0, after.length - before);
    expect(added).toEqual([expect.objectContaining({ actor: 'reader', action: 'taxii.add', outcome: 'denied', targetType: 'collection', targetId: 'intel', detail: { operation: 'add' } })]);

    expect((await taxii('POST', `${ROOT}/collections/inbox-RU/objects/`, await bearer('admin'), envelope([indicator()]))).statusCode).toBe(403);
    expect((await refusals())[0]).toMatchObject({ actor: 'admin', action: 'taxii.add', targetId: 'inbox-RU' });
  });

  it('records a refused TAXII delete', async () => {
    const object = indicator();
    await taxii('POST', `${ROOT}/collections/intel/objects/`, await bearer('analyst'), envelope([object]));
    expect((await taxii('DELETE', `${ROOT}/collections/intel/objects/${object.id as string}/`, await bearer('analyst'))).statusCode).toBe(403);
    expect((await refusals())[0]).toMatchObject({ actor: 'analyst', action: 'taxii.delete', targetId: 'intel', detail: { operation: 'delete' } });
  });

  it('records a peer refused a TAXII read, whether the collection is one it may only write or one it may not see', async () => {
    const inbox = `${ROOT}/collections/inbox-RU/objects/`;
    expect((await taxii('GET', inbox, await asRu('GET', inbox))).statusCode).toBe(403);
    expect((await refusals())[0]).toMatchObject({ actor: 'peer:RU', action: 'taxii.read', outcome: 'denied', targetId: 'inbox-RU', detail: { operation: 'objects' } });

    const manifest = `${ROOT}/collections/intel/manifest/`;
    expect((await taxii('GET', manifest, await asRu('GET', manifest))).statusCode).toBe(404);
    expect((await refusals())[0]).toMatchObject({ actor: 'peer:RU', action: 'taxii.read', targetId: 'intel', detail: { operation: 'manifest' } });
    // A collection that does not exist refuses nothing: no record.
    const count = (await refusals()).length;
    expect((await taxii('GET', `${ROOT}/collections/nowhere/objects/`, await bearer('reader'))).statusCode).toBe(404);
    expect((await refusals()).length).toBe(count);
  });

  it('records a peer refused an object through the REST API, and a role refused a write', async () => {
    const object = indicator();
    await cn.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await bearer('analyst'), payload: [object] });
    const url = `/api/v1/objects/${object.id as string}`;
    expect((await cn.app.inject({ method: 'GET', url, headers: await asRu('GET', url) })).statusCode).toBe(403);
    expect((await refusals())[0]).toMatchObject({ actor: 'peer:RU', action: 'objects.read', outcome: 'denied', targetType: 'object', targetId: object.id });

    expect((await cn.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await bearer('reader'), payload: [indicator()] })).statusCode).toBe(403);
    expect((await refusals())[0]).toMatchObject({ actor: 'reader', action: 'objects.write', outcome: 'denied' });
    const inbox = await cn.app.inject({ method: 'POST', url: '/api/v1/objects?collection=inbox-RU', headers: await bearer('admin'), payload: [indicator()] });
    expect(inbox.statusCode).toBe(403);
    expect((await refusals())[0]).toMatchObject({ actor: 'admin', action: 'objects.write', targetType: 'collection', targetId: 'inbox-RU' });
  });
});
