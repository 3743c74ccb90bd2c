import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { dialects } from '../../test/support/databases.js';
import { eventually } from '../../test/support/node-process.js';
import { malware } from '../../test/support/stix-factory.js';
import type { TestNode } from '../../test/support/test-node.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import { CONSENT_DECISION_TYPE } from '../exchange/exchange-ids.js';
import { newExchangeObject } from '../exchange/exchange-objects.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import type { ConsentView } from './consent.service.js';

type Role = 'admin' | 'liaison' | 'analyst' | 'reader';

/** Originator consent between two real node stacks (CN provides, RU asks), through the HTTP API. */
describe.each(dialects)('originator consent between two nodes on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T02:00:00.000Z');
  const call = async (node: TestNode, role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    node.app.inject({ method, url, headers: { authorization: `Bearer ${await node.token(role)}`, 'accept-language': 'en' }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const exported = async (node: TestNode, audience: string) =>
    new Set((await call(node, 'admin', 'GET', `/api/v1/export?for=${encodeURIComponent(audience)}`)).json<{ objects: Array<{ id: string }> }>().objects.map((o) => o.id));
  const shared: Record<string, unknown> = { ...malware({ name: 'ShadowLoader sample shared by CN' }), object_marking_refs: [TLP2_MARKING_IDS.green] };
  const other: Record<string, unknown> = { ...malware({ name: 'Second CN object' }), object_marking_refs: [TLP2_MARKING_IDS.green] };
  const id = String(shared.id);

  beforeAll(async () => {
    nodes = await createTwoNodes(dialect, clock);
    expect((await call(nodes.cn, 'analyst', 'POST', '/api/v1/objects?collection=outbox-RU', [shared, other])).statusCode).toBe(200);
    await nodes.relay.flush();
  });
  afterAll(async () => nodes?.close());

  it('asks CN, releases to the named recipient only once CN grants, and stops at expiry and on revocation', async () => {
    const { cn, ru, relay } = nodes;
    expect((await exported(ru, 'third-party:KZ-CERT')).has(id)).toBe(false);
    const asked = await call(ru, 'analyst', 'POST', '/api/v1/consents', { objects: [id], recipient: 'third-party:KZ-CERT', purpose: 'Joint incident handling with KZ-CERT', until: '2027-06-30' });
    expect(asked.statusCode).toBe(201);
    const request = asked.json<ConsentView>();
    expect(request).toMatchObject({ direction: 'sent', originatingParty: 'CN', requestingParty: 'RU', state: 'pending', recipient: 'third-party:KZ-CERT' });
    await relay.flush();
    const onCn = await call(cn, 'reader', 'GET', `/api/v1/consents/${request.id}`);
    expect(onCn.json<ConsentView>()).toMatchObject({ direction: 'received', state: 'pending', objects: [id] });
    // A peer's request or decision is announced from its arrival event, once the delivery is done.
    const notified = async (node: TestNode, role: Role, kind: string) =>
      eventually(async () => {
        const items = (await call(node, role, 'GET', '/api/v1/notifications')).json<{ items: Array<{ kind: string; text: string; subjectId: string | null }> }>().items;
        return items.some((n) => n.kind === kind) && items;
      }, 10_000, `a ${kind} notification`);
    const told = await notified(cn, 'liaison', 'consent.requested');
    expect(told.find((n) => n.kind === 'consent.requested' && n.subjectId === request.id)?.text).toMatch(/RU asks consent to disclose 1 object\(s\) to third-party:KZ-CERT/);
    const inbox = async (role: Role) => (await call(cn, role, 'GET', '/api/v1/inbox')).json<{ items: Array<{ kind: string; id: string }> }>().items;
    expect(await inbox('liaison')).toContainEqual(expect.objectContaining({ kind: 'consent', id: request.id, action: 'decide', peer: 'RU', state: 'pending', due: null }));
    expect((await inbox('analyst')).map((i) => i.id)).not.toContain(request.id);
    expect((await call(ru, 'liaison', 'GET', '/api/v1/inbox')).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(request.id);

    expect((await call(ru, 'liaison', 'POST', `/api/v1/consents/${request.id}/grant`, {})).statusCode).toBe(403);
    expect((await call(cn, 'analyst', 'POST', `/api/v1/consents/${request.id}/grant`, {})).statusCode).toBe(403);
    const granted = await call(cn, 'liaison', 'POST', `/api/v1/consents/${request.id}/grant`, { expires: '2026-12-31' });
    expect(granted.statusCode).toBe(200);
    expect(granted.json<ConsentView>().state).toBe('granted');
    expect((await inbox('liaison')).map((i) => i.id)).not.toContain(request.id);
    expect((await call(cn, 'liaison', 'POST', `/api/v1/consents/${request.id}/refuse`, { reasons: ['changed my mind'] })).statusCode).toBe(409);
    await relay.flush();

    const toldRu = await notified(ru, 'analyst', 'consent.granted');
    expect(toldRu.find((n) => n.kind === 'consent.granted' && n.subjectId === request.id)?.text).toMatch(/CN granted consent to disclose to third-party:KZ-CERT/);
    const onRu = (await call(ru, 'reader', 'GET', `/api/v1/consents?object=${id}`)).json<{ items: ConsentView[] }>().items;
    expect(onRu.map((c) => c.state)).toEqual(['granted']);
    expect((await exported(ru, 'third-party:KZ-CERT')).has(id)).toBe(true);
    expect((await exported(ru, 'third-party:KZ-CERT')).has(String(other.id))).toBe(false);
    expect((await exported(ru, 'third-party:Another CERT')).has(id)).toBe(false);
    expect((await exported(ru, 'public')).has(id)).toBe(false);
    const audit = (await call(ru, 'admin', 'GET', '/api/v1/audit?action=release.consented&limit=20')).json<{ events: Array<{ targetId: string; detail: { consent?: string } }> }>().events;
    expect(audit.find((e) => e.targetId === id)?.detail.consent).toBe(granted.json<ConsentView>().decision?.id);

    clock.advance(31 * 86_400_000);
    expect((await exported(ru, 'third-party:KZ-CERT')).has(id)).toBe(false);
    expect((await call(ru, 'reader', 'GET', `/api/v1/consents/${request.id}`)).json<ConsentView>().state).toBe('expired');
  });

  it('stops releases as soon as CN revokes a grant, and shows a refusal with its reasons', async () => {
    const { cn, ru, relay } = nodes;
    const asked = (await call(ru, 'analyst', 'POST', '/api/v1/consents', { objects: [id], recipient: 'public', purpose: 'Publish an advisory' })).json<ConsentView>();
    await relay.flush();
    await call(cn, 'liaison', 'POST', `/api/v1/consents/${asked.id}/grant`, {});
    await relay.flush();
    expect((await exported(ru, 'public')).has(id)).toBe(true);
    const revoked = await call(cn, 'liaison', 'POST', `/api/v1/consents/${asked.id}/revoke`, { reason: 'The investigation is ongoing' });
    expect(revoked.json<ConsentView>().state).toBe('revoked');
    await relay.flush();
    expect((await exported(ru, 'public')).has(id)).toBe(false);
    expect((await call(ru, 'reader', 'GET', `/api/v1/consents/${asked.id}`)).json<ConsentView>().state).toBe('revoked');

    const second = (await call(ru, 'analyst', 'POST', '/api/v1/consents', { objects: [String(other.id)], recipient: 'third-party:KZ-CERT', purpose: 'Share a sample' })).json<ConsentView>();
    await relay.flush();
    expect((await call(cn, 'liaison', 'POST', `/api/v1/consents/${second.id}/refuse`, { reasons: [] })).statusCode).toBe(422);
    await call(cn, 'liaison', 'POST', `/api/v1/consents/${second.id}/refuse`, { reasons: ['The sample identifies a victim'] });
    await relay.flush();
    const refused = (await call(ru, 'reader', 'GET', `/api/v1/consents/${second.id}`)).json<ConsentView>();
    expect(refused.state).toBe('refused');
    expect(refused.decision?.reasons).toEqual(['The sample identifies a victim']);
  });

  it('refuses bad requests and a grant from anyone but the originating Party, changing nothing', async () => {
    const { ru, cn } = nodes;
    const before = (await call(ru, 'reader', 'GET', '/api/v1/consents')).json<{ items: unknown[] }>().items.length;
    const own = { ...malware() };
    await call(ru, 'analyst', 'POST', '/api/v1/objects', [own]);
    const notForeign = await call(ru, 'analyst', 'POST', '/api/v1/consents', { objects: [String(own.id)], recipient: 'public', purpose: 'x' });
    expect(notForeign.statusCode).toBe(422);
    const unknown = await call(ru, 'analyst', 'POST', '/api/v1/consents', { objects: ['malware--00000000-0000-4000-8000-000000000000'], recipient: 'nowhere', purpose: 'x', until: '2001-01-01' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path).sort()).toEqual(['/objects/0', '/recipient', '/until']);
    expect((await call(ru, 'reader', 'POST', '/api/v1/consents', { objects: [id], recipient: 'public', purpose: 'x' })).statusCode).toBe(403);
    expect((await call(ru, 'reader', 'GET', '/api/v1/consents')).json<{ items: unknown[] }>().items.length).toBe(before);

    // A grant that did not come from CN, the originator, is not kept, and releases nothing.
    const pending = (await call(ru, 'analyst', 'POST', '/api/v1/consents', { objects: [id], recipient: 'third-party:Forged', purpose: 'x' })).json<ConsentView>();
    const forged = newExchangeObject(CONSENT_DECISION_TYPE, clock.nowMicros(), 'identity--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c', {
      agreement: 'cn-ru-2015', deciding_party: 'RU', request_ref: pending.id, decision: 'granted', decision_status: 'granted', object_refs: [id], recipient: { kind: 'third-party', name: 'Forged' },
    });
    await ru.services.governance.consents.decisions.arrival(forged, 'RU');
    expect((await call(ru, 'reader', 'GET', `/api/v1/consents/${pending.id}`)).json<ConsentView>().state).toBe('pending');
    expect((await exported(ru, 'third-party:Forged')).has(id)).toBe(false);
    expect((await call(cn, 'reader', 'GET', '/api/v1/consents?state=granted')).statusCode).toBe(200);
  });
});
