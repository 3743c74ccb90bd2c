import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/objects/object-row.js';
import { peerToken, PEER_SCHEME } from '../../src/federation/peer-auth.js';
import { BUNDLE_TYPE } from '../../src/federation/receipt.js';
import { canonicalBundle, encodeJws, signDetached } from '../../src/federation/signing.js';
import type { SigningKey } from '../../src/keys/key-ring.js';
import { newEd25519KeyPair } from '../../src/keys/new-key-pair.js';
import { dialects } from '../support/databases.js';
import { nodeOn } from '../support/test-processes.js';
import { eventually, NodeProcess, peer } from '../support/node-process.js';
import { indicator } from '../support/stix-factory.js';

interface Card {
  party: string;
  keys: Array<{ kid: string; purpose: 'node' | 'authority'; authorityRef: string | null; retired: string | null }>;
}

/** The keys of a node, read from its data folder the way only that node could. */
async function keysOf(node: NodeProcess): Promise<{ nodeKey: SigningKey; authorityKey: SigningKey }> {
  const card = JSON.parse(await node.cli(['peer', 'card', '--data', node.dataDir])) as Card;
  const load = (purpose: 'node' | 'authority'): SigningKey => {
    const key = card.keys.find((k) => k.purpose === purpose && !k.retired);
    if (!key) throw new Error(`no ${purpose} key`);
    return { kid: key.kid, purpose, authorityRef: key.authorityRef, privateKey: createPrivateKey(readFileSync(join(node.dataDir, 'keys', `${key.kid}.pem`))), publicJwk: {} };
  };
  return { nodeKey: load('node'), authorityKey: load('authority') };
}

describe.each(dialects)('a node under attack on %s', (dialect) => {
  let cn: NodeProcess;
  let ru: NodeProcess;
  let cnKeys: { nodeKey: SigningKey; authorityKey: SigningKey };
  const inbox = '/taxii2/cn-ru-2015/collections/inbox-CN/objects/';

  /** A push to RU as CN's node would make it, with parts replaceable to forge it. */
  async function push(objects: unknown[], options: { bundleId?: string; after?: string; signWith?: SigningKey[]; tamper?: (objects: unknown[]) => unknown[]; token?: string; tokenKey?: SigningKey } = {}) {
    const bundleId = options.bundleId ?? `bundle--${randomUUID()}`;
    const signers = options.signWith ?? [cnKeys.nodeKey, cnKeys.authorityKey];
    const jws = await signDetached(canonicalBundle(bundleId, objects.map((o) => canonicalJson(o))), signers.map((key) => ({ key, party: 'CN' })), BUNDLE_TYPE);
    const sent = options.tamper ? options.tamper(objects) : objects;
    const token = options.token ?? peerToken(options.tokenKey ?? cnKeys.nodeKey, 'CN', 'RU', 'POST', new URL(`${ru.url}${inbox}`).pathname, new Date());
    const response = await fetch(`${ru.url}${inbox}`, {
      method: 'POST',
      headers: {
        authorization: `${PEER_SCHEME} ${token}`, accept: 'application/taxii+json;version=2.1', 'content-type': 'application/taxii+json;version=2.1',
        'x-accord-bundle-id': bundleId, 'x-accord-signature': encodeJws(jws), 'accept-language': 'en', ...(options.after ? { 'x-accord-after': options.after } : {}),
      },
      body: JSON.stringify({ objects: sent }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, token };
  }

  const storedOnRu = async (id: string) =>
    (await ru.api(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${id}/`, { headers: { accept: 'application/taxii+json;version=2.1' } })).status === 200;
  const deniedAudits = async (action: string) =>
    (await ru.api<{ events: Array<{ action: string; outcome: string; detail: unknown }> }>(`/api/v1/audit?action=${action}&outcome=denied`)).body.events;

  beforeAll(async () => {
    [cn, ru] = await Promise.all([nodeOn(dialect, 'CN'), nodeOn(dialect, 'RU')]);
    await peer(cn, ru);
    await ru.start();
    cnKeys = await keysOf(cn);
  });
  afterAll(async () => {
    await Promise.all([cn?.close(), ru?.close()]);
  });

  it('accepts a correctly signed push and answers with a receipt signed by the receiver', async () => {
    const object = indicator();
    const { status, body } = await push([object]);
    expect(status).toBe(202);
    expect(body).toMatchObject({ success_count: 1, x_accord_receipt: { payload: { type: 'accord-receipt', from: 'CN', to: 'RU' } } });
    expect(await storedOnRu(object.id as string)).toBe(true);
  });

  it('refuses a bundle whose contents were altered after signing, stores nothing and audits it', async () => {
    const object = indicator();
    const { status, body } = await push([object], { tamper: (objects) => objects.map((o) => ({ ...(o as object), name: 'altered in transit' })) });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error_code: 'signature-invalid' });
    expect(await storedOnRu(object.id as string)).toBe(false);
    expect((await deniedAudits('federation.bundle')).length).toBeGreaterThan(0);
  });

  it('refuses a bundle signed with a key the peer card does not hold, or without the authority signature', async () => {
    const { privateKey } = newEd25519KeyPair();
    const stranger: SigningKey = { kid: cnKeys.nodeKey.kid, purpose: 'node', authorityRef: null, privateKey, publicJwk: {} };
    const a = indicator();
    expect((await push([a], { signWith: [stranger, cnKeys.authorityKey] })).status).toBe(401);
    const b = indicator();
    expect((await push([b], { signWith: [cnKeys.nodeKey] })).status).toBe(401);
    expect(await storedOnRu(a.id as string)).toBe(false);
    expect(await storedOnRu(b.id as string)).toBe(false);
  });

  it('refuses a replayed request token', async () => {
    const first = await push([indicator()]);
    expect(first.status).toBe(202);
    const replay = await push([indicator()], { token: first.token });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error_code: 'replay-refused' });
  });

  it('refuses requests from an unknown node and tokens bound to another node', async () => {
    const { privateKey } = newEd25519KeyPair();
    const unknown: SigningKey = { kid: 'not-a-registered-key-id-000000000000', purpose: 'node', authorityRef: null, privateKey, publicJwk: {} };
    const response = await push([indicator()], { tokenKey: unknown });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error_code: 'peer-unknown' });
    const path = new URL(`${ru.url}${inbox}`).pathname;
    const forOther = peerToken(cnKeys.nodeKey, 'CN', 'XX', 'POST', path, new Date());
    expect((await push([indicator()], { token: forOther })).status).toBe(403);
    const forGet = peerToken(cnKeys.nodeKey, 'CN', 'RU', 'GET', path, new Date());
    expect((await push([indicator()], { token: forGet })).status).toBe(401);
    expect((await deniedAudits('peer.auth')).length).toBeGreaterThanOrEqual(3);
  });

  it('answers a resent bundle with its original receipt and does not ingest or ledger it twice', async () => {
    const bundleId = `bundle--${randomUUID()}`;
    const objects = [indicator(), indicator()];
    const first = await push(objects, { bundleId });
    const again = await push(objects, { bundleId });
    expect(again.status).toBe(202);
    expect(again.body.x_accord_receipt).toEqual(first.body.x_accord_receipt);
    const ledger = (await ru.api<{ entries: Array<{ kind: string; objectId: string | null }> }>('/api/v1/ledger?limit=1000')).body.entries;
    for (const object of objects) expect(ledger.filter((e) => e.kind === 'received' && e.objectId === object.id)).toHaveLength(1);
  });

  it('takes a bundle that names the one before it only after that one, even when it arrives first', async () => {
    const first = { bundleId: `bundle--${randomUUID()}`, objects: [indicator(), indicator()] };
    const second = { bundleId: `bundle--${randomUUID()}`, objects: [indicator(), indicator()] };
    const later = push(second.objects, { bundleId: second.bundleId, after: first.bundleId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [a, b] = await Promise.all([push(first.objects, { bundleId: first.bundleId }), later]);
    expect([a.status, b.status]).toEqual([202, 202]);
    // The receiver ledgers the channel in bundle order, the order in which a sender records the receipts.
    const ledger = (await ru.api<{ entries: Array<{ seq: number; kind: string; objectId: string | null }> }>('/api/v1/ledger?limit=1000')).body.entries;
    const seqOf = (id: unknown) => ledger.find((e) => e.kind === 'received' && e.objectId === id)?.seq ?? Number.NaN;
    expect(Math.max(...first.objects.map((o) => seqOf(o.id)))).toBeLessThan(Math.min(...second.objects.map((o) => seqOf(o.id))));
  });

  it('refuses a bundle that follows one this node never received, and stores none of it', async () => {
    const object = indicator();
    const after = `bundle--${randomUUID()}`;
    const refused = await push([object], { after });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error_code: 'conflict', http_status: '409' });
    expect(refused.body.description).toContain(`follows ${after}, which this node has not received`);
    expect(await storedOnRu(object.id as string)).toBe(false);
    // Sent again in order, after the bundle it names, it is taken.
    const before = await push([indicator()], { bundleId: after });
    expect(before.status).toBe(202);
    expect((await push([object], { after })).status).toBe(202);
    expect(await storedOnRu(object.id as string)).toBe(true);
    // A header that names no bundle is refused as a malformed push, and audited.
    expect((await push([indicator()], { after: 'bundle--1' })).status).toBe(401);
    expect((await deniedAudits('federation.bundle')).some((e) => JSON.stringify(e.detail).includes('malformed X-Accord-After'))).toBe(true);
  });

  it('checks a bundle before its turn: a forged one naming a bundle never sent is refused as forged, not left waiting', async () => {
    const object = indicator();
    const forged = await push([object], { after: `bundle--${randomUUID()}`, tamper: (objects) => objects.map((o) => ({ ...(o as object), name: 'altered' })) });
    expect(forged.status).toBe(401);
    expect(forged.body.description).toContain('does not verify');
    expect(await storedOnRu(object.id as string)).toBe(false);
  });

  it('keeps the newest version when versions arrive out of order', async () => {
    const v2 = indicator({ modified: '2026-11-05T00:00:00.000Z', name: 'second' });
    const v1 = { ...v2, modified: '2026-11-01T08:00:00.000Z', name: 'first' };
    await push([v2]);
    await push([v1]);
    const served = await ru.api<{ objects: Array<{ name: string }> }>(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${v2.id as string}/`, { headers: { accept: 'application/taxii+json;version=2.1' } });
    expect(served.body.objects.map((o) => o.name)).toEqual(['second']);
  });

  it('refuses a revoked peer', async () => {
    await ru.cli(['peer', 'revoke', '--data', ru.dataDir, 'CN']);
    const response = await push([indicator()]);
    expect(response.status).toBe(403);
    await eventually(async () => (await deniedAudits('peer.auth')).some((e) => JSON.stringify(e.detail).includes('revoked')));
  });
});
