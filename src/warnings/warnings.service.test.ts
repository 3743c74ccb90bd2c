import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { AccordError, detailsIn } from '../errors/errors.js';
import type { NodeEvent } from '../events/event-bus.js';
import { dialects } from '../../test/support/databases.js';
import { TestRelay } from '../../test/support/exchange-relay.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import { indicator } from '../../test/support/stix-factory.js';
import type { WarningInput } from './warning-objects.js';
import { prepareObject, type StixObject } from '../objects/object-row.js';
import { objectWriter } from '../node/node-services.js';

const HOUR = 3_600_000;

function input(overrides: Partial<WarningInput> = {}): WarningInput {
  return {
    title: '针对关键信息基础设施的勒索软件活动',
    description: '在多个能源行业网络中发现同一勒索软件家族的投放活动',
    severity: 'critical',
    threatCategory: 'crime',
    affectedSectors: ['energy'],
    recommendedActions: ['Block the listed C2 addresses', 'Check backups'],
    addressees: ['RU'],
    translations: [{ lang: 'ru', title: 'Кампания программ-вымогателей против КИИ' }],
    ...overrides,
  };
}

async function rejects(promise: Promise<unknown>, code: string): Promise<AccordError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccordError);
  expect((error as AccordError).code).toBe(code);
  return error as AccordError;
}

function collectEvents(node: TestNode): NodeEvent[] {
  const events: NodeEvent[] = [];
  node.services.events.subscribe((e) => events.push(e));
  return events;
}

describe.each(dialects)('early warnings between two nodes on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T02:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-01T02:00:00.000Z');
    nodes = await createTwoNodes(dialect, clock);
  });
  afterEach(async () => nodes?.close());

  it('goes draft → sent → delivered → acknowledged → assessed → closed, with both sides in step', async () => {
    const { cn, ru, relay } = nodes;
    const cnEvents = collectEvents(cn);
    const ruEvents = collectEvents(ru);
    const analyst = await nodes.user(cn, 'analyst');
    const draft = await cn.services.warnings.create(analyst, input());
    expect(draft).toMatchObject({ state: 'draft', direction: 'sent', nextAction: { action: 'send', party: 'CN' } });
    expect(relay.pending).toBe(0);

    const sent = await cn.services.warnings.send(analyst, draft.id);
    expect(sent.state).toBe('sent');
    expect(sent.deadlines).toMatchObject([{ rule: 'warning.acknowledgement', party: 'RU', state: 'running', due: '2026-12-01T06:00:00.000Z', legalDate: '2026-12-01', provision: 'art-5.3' }]);
    expect(sent.object).toMatchObject({ type: 'accord-early-warning', warning_severity: 'critical', addressees: [{ party: 'RU' }], sending_party: 'CN', warning_status: 'active' });
    expect(relay.pending).toBe(1);

    await relay.flush();
    const onCn = await cn.services.warnings.get(analyst, draft.id);
    expect(onCn.state).toBe('delivered');
    expect(onCn.addressees).toMatchObject([{ party: 'RU', state: 'delivered' }]);

    const liaison = await nodes.user(ru, 'liaison');
    const received = await ru.services.warnings.get(liaison, draft.id);
    expect(received).toMatchObject({ direction: 'received', state: 'delivered', senderParty: 'CN', severity: 'critical', nextAction: { action: 'acknowledge', party: 'RU', due: '2026-12-01T06:00:00.000Z' } });
    expect(received.deadlines).toMatchObject([{ rule: 'warning.acknowledgement', party: 'RU', due: '2026-12-01T06:00:00.000Z', legalDate: '2026-12-01', timeZone: 'Europe/Moscow' }]);
    expect(received.translations).toMatchObject([{ lang: 'ru', title: 'Кампания программ-вымогателей против КИИ' }]);
    expect((await ru.services.inbox.inbox(liaison)).items).toMatchObject([{ kind: 'warning', id: draft.id, action: 'acknowledge', overdue: false, peer: 'CN' }]);
    expect((await ru.services.notifications.list(liaison, {}, 'en')).items[0]?.text).toMatch(/New early warning from CN \(critical\)/);

    clock.advance(HOUR);
    const acked = await ru.services.warnings.acknowledge(liaison, draft.id, 'Received by the duty officer');
    expect(acked.state).toBe('acknowledged');
    expect(acked.deadlines[0]).toMatchObject({ state: 'met', metLate: false });
    await relay.flush();
    const afterAck = await cn.services.warnings.get(analyst, draft.id);
    expect(afterAck.state).toBe('acknowledged');
    expect(afterAck.addressees[0]).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'liaison' });
    expect(afterAck.deadlines[0]).toMatchObject({ state: 'met', metLate: false });

    await ru.services.warnings.assess(liaison, draft.id, { agreement: 'agree', confidence: 80, explanation: 'Same family seen in our networks', actionsTaken: ['Blocked C2 addresses'] });
    await cn.services.warnings.assess(analyst, draft.id, { agreement: 'strongly-agree', confidence: 95 });
    await relay.flush();
    const joint = await cn.services.warnings.get(analyst, draft.id);
    expect(joint.state).toBe('assessed');
    expect(joint.nextAction).toMatchObject({ action: 'close', party: 'CN' });
    expect(joint.assessments).toMatchObject([
      { party: 'CN', agreement: 'strongly-agree', confidence: 95 },
      { party: 'RU', agreement: 'agree', confidence: 80, explanation: 'Same family seen in our networks', actionsTaken: ['Blocked C2 addresses'], note: 'Blocked C2 addresses' },
    ]);
    const ruView = await ru.services.warnings.get(liaison, draft.id);
    expect(ruView.assessments.map((a) => [a.party, a.agreement])).toEqual([['CN', 'strongly-agree'], ['RU', 'agree']]);

    await cn.services.warnings.close(analyst, draft.id, 'Joint assessment done');
    await relay.flush();
    expect((await ru.services.warnings.get(liaison, draft.id)).state).toBe('closed');
    const history = (await cn.services.warnings.get(analyst, draft.id)).history.map((h) => h.kind);
    expect(history).toEqual(['drafted', 'sent', 'translated', 'delivered', 'acknowledged', 'assessed', 'assessed', 'assessment-note', 'closed']);
    expect(cnEvents.map((e) => e.type).filter((t) => t.startsWith('warning.'))).toEqual(['warning.drafted', 'warning.sent', 'warning.delivered', 'warning.acknowledged', 'warning.assessed', 'warning.assessed', 'warning.closed']);
    expect(ruEvents.map((e) => e.type).filter((t) => t.startsWith('warning.'))).toEqual(['warning.received', 'warning.translated', 'warning.acknowledged', 'warning.assessed', 'warning.assessed', 'warning.closed']);
    expect(ruEvents.find((e) => e.type === 'warning.received')?.object).toMatchObject({ id: draft.id, originParty: 'CN', tlp: 'amber' });
  });

  it('propagates updates and a withdrawal as new versions; the withdrawal ends the deadlines on both sides', async () => {
    const { cn, ru, relay } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const liaison = await nodes.user(ru, 'liaison');
    const sent = await cn.services.warnings.create(analyst, input({ severity: 'low' }), { send: true });
    await relay.flush();
    expect((await ru.services.warnings.get(liaison, sent.id)).deadlines[0]?.due).toBe('2026-12-08T02:00:00.000Z');

    clock.advance(HOUR);
    const updated = await cn.services.warnings.update(analyst, sent.id, { severity: 'high', description: 'Now seen in the transport sector too', affectedSectors: ['energy', 'transportation'] });
    expect(updated.version).toBe('2026-12-01T03:00:00.000Z');
    expect(updated.deadlines[0]?.due).toBe('2026-12-02T02:00:00.000Z');
    await relay.flush();
    const onRu = await ru.services.warnings.get(liaison, sent.id);
    expect(onRu).toMatchObject({ severity: 'high', description: 'Now seen in the transport sector too', affectedSectors: ['energy', 'transportation'], state: 'delivered' });
    expect(onRu.deadlines[0]?.due).toBe('2026-12-02T02:00:00.000Z');

    await rejects(cn.services.warnings.update(analyst, sent.id, { addressees: [{ party: 'RU', authorityRef: 'identity--7d2f4c1e-2b7a-4c4e-9f0a-1a2b3c4d5e6f' }] }), 'bad-request');
    await cn.services.warnings.withdraw(analyst, sent.id, 'False positive: the samples were a test campaign');
    await relay.flush();
    const withdrawn = await ru.services.warnings.get(liaison, sent.id);
    expect(withdrawn).toMatchObject({ state: 'withdrawn', statusReason: 'False positive: the samples were a test campaign', nextAction: null });
    expect(withdrawn.deadlines[0]?.state).toBe('cancelled');
    expect((await cn.services.warnings.get(analyst, sent.id)).deadlines[0]?.state).toBe('cancelled');
    expect(withdrawn.history.map((h) => h.kind)).toEqual(['received', 'translated', 'updated', 'withdrawn']);
    await rejects(ru.services.warnings.acknowledge(liaison, sent.id), 'conflict');
    await rejects(cn.services.warnings.withdraw(analyst, sent.id, 'again'), 'conflict');
    expect((await ru.services.inbox.inbox(liaison)).items).toEqual([]);
  });

  it('escalates an unacknowledged warning on both sides, and takes an acknowledgement after escalation', async () => {
    const { cn, ru, relay } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const liaison = await nodes.user(ru, 'liaison');
    const sent = await cn.services.warnings.create(analyst, input({ severity: 'critical' }), { send: true });
    await relay.flush();
    const ruEvents = collectEvents(ru);

    clock.set('2026-12-01T05:10:00.000Z'); // a quarter of 4 h left: due soon
    expect((await ru.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['due-soon']);
    expect((await ru.services.deadlines.check()).fired).toEqual([]);
    clock.set('2026-12-01T06:00:00.001Z');
    expect((await cn.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    expect((await ru.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    const inbox = await ru.services.inbox.inbox(liaison);
    expect(inbox.items[0]).toMatchObject({ id: sent.id, action: 'acknowledge', overdue: true });
    const cnInbox = await cn.services.inbox.inbox(await nodes.user(cn, 'liaison'));
    expect(cnInbox.items[0]).toMatchObject({ id: sent.id, action: 'await-acknowledgement', party: 'RU', overdue: true, followUp: true });

    clock.set('2026-12-01T08:00:00.000Z'); // overdue by half the period: escalated
    expect((await cn.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['escalated']);
    expect((await ru.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['escalated']);
    expect(ruEvents.filter((e) => e.type.startsWith('deadline.')).map((e) => e.type)).toEqual(['deadline.due-soon', 'deadline.overdue', 'deadline.escalated']);
    const notes = await ru.services.notifications.list(liaison, { unreadOnly: true }, 'ru');
    expect(notes.items.map((n) => n.kind)).toEqual(['deadline.escalated', 'deadline.overdue', 'deadline.due-soon', 'warning.received']);
    expect(notes.items[0]?.text).toMatch(/^Эскалация: Предупреждение/);
    expect((await cn.services.notifications.list(analyst, {}, 'zh')).items[0]?.text).toMatch(/^已升级：预警/);

    clock.advance(HOUR);
    const acked = await ru.services.warnings.acknowledge(liaison, sent.id);
    expect(acked.deadlines[0]).toMatchObject({ state: 'met', metLate: true });
    await relay.flush();
    const onCn = await cn.services.warnings.get(analyst, sent.id);
    expect(onCn).toMatchObject({ state: 'acknowledged' });
    expect(onCn.deadlines[0]).toMatchObject({ state: 'met', metLate: true });
    expect(onCn.history.map((h) => h.kind)).toEqual(['drafted', 'sent', 'translated', 'delivered', 'deadline.overdue', 'deadline.escalated', 'acknowledged']);
    expect((await cn.services.deadlines.check()).fired).toEqual([]);
  });

  it('holds a warning sent while the peer is down, and delivers it with the deadline already running', async () => {
    const { cn, ru, relay } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const liaison = await nodes.user(ru, 'liaison');
    relay.paused = true;
    const sent = await cn.services.warnings.create(analyst, input({ severity: 'high' }), { send: true });
    await relay.flush();
    expect((await cn.services.warnings.get(analyst, sent.id)).state).toBe('sent');
    await expect(ru.services.warnings.get(liaison, sent.id)).rejects.toMatchObject({ code: 'not-found' });

    clock.set('2026-12-02T03:00:00.000Z');
    expect((await cn.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    relay.paused = false;
    await relay.flush();
    expect((await cn.services.warnings.get(analyst, sent.id)).state).toBe('delivered');
    const onRu = await ru.services.warnings.get(liaison, sent.id);
    expect(onRu.deadlines[0]).toMatchObject({ due: '2026-12-02T02:00:00.000Z', state: 'running' });
    expect((await ru.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    await ru.services.warnings.acknowledge(liaison, sent.id);
    await relay.flush();
    expect((await cn.services.warnings.get(analyst, sent.id)).state).toBe('acknowledged');
  });

  it('survives a restart of either node in the middle of the lifecycle', async () => {
    const { relay } = nodes;
    const analyst = await nodes.user(nodes.cn, 'analyst');
    const sent = await nodes.cn.services.warnings.create(analyst, input(), { send: true });
    await relay.flush();

    const ru = await nodes.restart('RU');
    const liaison = await nodes.user(ru, 'liaison');
    expect((await ru.services.warnings.get(liaison, sent.id)).state).toBe('delivered');
    clock.set('2026-12-01T06:30:00.000Z');
    expect((await ru.services.deadlines.check()).fired.map((f) => f.stage)).toEqual(['overdue']);
    await ru.services.warnings.acknowledge(liaison, sent.id);

    const cn = await nodes.restart('CN');
    await relay.flush();
    const analystAgain = await nodes.user(cn, 'analyst');
    const onCn = await cn.services.warnings.get(analystAgain, sent.id);
    expect(onCn.state).toBe('acknowledged');
    expect(onCn.deadlines[0]).toMatchObject({ state: 'met', metLate: true });
    expect((await cn.services.deadlines.check()).fired).toEqual([]);
  });

  it('handles after a restart what arrived while no handler ran (catch-up from the store)', async () => {
    const { cn, ru } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const sent = await cn.services.warnings.create(analyst, input(), { send: true });
    const object = (await cn.services.warnings.get(analyst, sent.id)).object;
    // Stored in RU's inbox without the warnings domain seeing it (as if the node died right after storing).
    const inbox = await ru.services.collections.byAlias('inbox-CN');
    const { database } = ru.services;
    const writer = objectWriter(database, ru.services.logger);
    await writer.write({ collectionId: inbox.id, originParty: 'CN', nowUs: clock.nowMicros(), items: [{ ...prepareObject(object as StixObject), tlp: 'amber', name: null, description: null }] });
    const restarted = await nodes.restart('RU');
    const liaison = await nodes.user(restarted, 'liaison');
    expect((await restarted.services.warnings.get(liaison, sent.id)).state).toBe('delivered');
  });

  it('shares related objects this node holds along with the warning', async () => {
    const { cn, ru, relay } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const ioc = indicator();
    await cn.services.objects.create(analyst, [ioc]);
    const sent = await cn.services.warnings.create(analyst, input({ relatedRefs: [String(ioc.id), 'vulnerability--0d6a3a3c-8a6c-4f7e-9d4c-0e0e1f2a3b4c'] }), { send: true });
    await relay.flush();
    const liaison = await nodes.user(ru, 'liaison');
    expect((await ru.services.objects.get(liaison, String(ioc.id))).origin).toBe('CN');
    expect((await ru.services.warnings.get(liaison, sent.id)).relatedRefs).toHaveLength(2);
  });

  it('puts a warning addressed to one authority in that authority\'s inbox only', async () => {
    const { cn, ru, relay } = nodes;
    const addressed = 'identity--7d2f4c1e-2b7a-4c4e-9f0a-1a2b3c4d5e6f';
    const analyst = await nodes.user(cn, 'analyst');
    const sent = await cn.services.warnings.create(analyst, input({ addressees: [{ party: 'RU', authorityRef: addressed }] }), { send: true });
    await relay.flush();
    const principalOf = async (name: string, authorityRef: string) => {
      await ru.services.auth.createUser({ name, role: 'liaison', authorityRef }, 'system');
      const { token } = await ru.services.auth.createToken(name, 'test', 'system');
      const principal = await ru.services.auth.principalForToken(token);
      if (principal?.kind !== 'user') throw new Error('user');
      return principal;
    };
    const fsb = await principalOf('other-authority', 'identity--0a0b0c0d-1e1f-4a2b-8c3d-4e5f60718293');
    const cert = await principalOf('addressed-authority', addressed);
    expect((await ru.services.inbox.inbox(fsb)).items).toEqual([]);
    const refused = await rejects(ru.services.warnings.acknowledge(fsb, sent.id), 'forbidden');
    expect(refused.message).toContain(addressed);
    expect((await ru.services.inbox.inbox(cert)).items.map((i) => i.id)).toEqual([sent.id]);
    expect((await ru.services.warnings.acknowledge(cert, sent.id)).state).toBe('acknowledged');
  });

  it('refuses bad input with clear errors and changes nothing', async () => {
    const { cn, ru, relay } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const reader = await nodes.user(cn, 'reader');
    const missing = await rejects(cn.services.warnings.create(analyst, { ...input(), title: ' ', severity: 'severe' as WarningInput['severity'], threatCategory: 'espionage', addressees: [] }), 'validation-failed');
    expect(missing.details.map((d) => d.path)).toEqual(['/title', '/severity', '/threatCategory', '/addressees']);
    expect(detailsIn(missing.details, 'zh')[1]?.message).toBe('severity 必须为以下之一：critical, high, medium, low');
    const unknown = await rejects(cn.services.warnings.create(analyst, input({ addressees: ['US', 'CN', { party: 'RU', authorityRef: 'organization-x' }] })), 'validation-failed');
    expect(detailsIn(unknown.details, 'en').map((d) => `${d.path}: ${d.message}`)).toEqual([
      '/addressees/0/party: US is not a Party of agreement cn-ru-2015',
      "/addressees/1/party: An early warning goes to other Parties; CN is this node's own Party",
      '/addressees/2/authorityRef: organization-x is not the identity of a competent authority (identity--<uuid>)',
    ]);
    await rejects(cn.services.warnings.create(reader, input()), 'forbidden');
    expect((await cn.services.warnings.list(analyst, { limit: 10 })).items).toEqual([]);

    const sent = await cn.services.warnings.create(analyst, input(), { send: true });
    await relay.flush();
    const own = await rejects(cn.services.warnings.acknowledge(await nodes.user(cn, 'liaison'), sent.id), 'forbidden');
    expect(own.description.text('ru')).toMatch(/направлено вашей Стороной \(CN\)/);
    const ruAnalyst = await nodes.user(ru, 'analyst');
    await rejects(ru.services.warnings.acknowledge(ruAnalyst, sent.id), 'forbidden');
    await rejects(ru.services.warnings.assess(ruAnalyst, sent.id, { agreement: 'agree' }), 'conflict');
    await rejects(ru.services.warnings.withdraw(await nodes.user(ru, 'liaison'), sent.id, 'not mine'), 'forbidden');
    await rejects(cn.services.warnings.send(analyst, sent.id), 'conflict');
    await rejects(ru.services.warnings.acknowledge(await nodes.user(ru, 'liaison'), 'accord-early-warning--00000000-0000-4000-8000-000000000000'), 'not-found');
    expect((await ru.services.warnings.get(ruAnalyst, sent.id)).state).toBe('delivered');
    expect(relay.pending).toBe(0);
  });
});

describe('early warnings to several Parties (multilateral profile)', () => {
  it('is acknowledged when every addressee acknowledged, each with its own deadline', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00.000Z');
    const relay = new TestRelay();
    const [xa, xb, xc] = await Promise.all(['XA', 'XB', 'XC'].map((party) => createTestNode({ dialect: 'sqlite', party, profile: 'test-multilateral', clock })));
    if (!xa || !xb || !xc) throw new Error('nodes');
    try {
      for (const node of [xa, xb, xc]) await relay.connect(node);
      const userOf = async (node: TestNode, role: 'liaison') => {
        const principal = await node.services.auth.principalForToken(await node.token(role));
        if (principal?.kind !== 'user') throw new Error('user');
        return principal;
      };
      const sender = await userOf(xa, 'liaison');
      const sent = await xa.services.warnings.create(sender, { title: 'Supply-chain compromise', severity: 'high', threatCategory: xa.services.profile.threats[0]?.code ?? '', addressees: ['XB', 'XC'], lang: 'en' }, { send: true });
      expect(sent.deadlines.map((d) => [d.party, d.due])).toEqual([['XB', '2026-12-01T08:00:00.000Z'], ['XC', '2026-12-01T08:00:00.000Z']]);
      await relay.flush();
      await xb.services.warnings.acknowledge(await userOf(xb, 'liaison'), sent.id);
      await relay.flush();
      expect((await xa.services.warnings.get(sender, sent.id)).state).toBe('delivered');
      await xc.services.warnings.acknowledge(await userOf(xc, 'liaison'), sent.id);
      await relay.flush();
      const done = await xa.services.warnings.get(sender, sent.id);
      expect(done.state).toBe('acknowledged');
      expect(done.addressees.map((a) => a.state)).toEqual(['acknowledged', 'acknowledged']);
    } finally {
      await Promise.all([xa.close(), xb.close(), xc.close()]);
    }
  });
});
