import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import { dialects } from '../../test/support/databases.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import type { WarningInput } from './warning-objects.js';

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
    const analyst = await nodes.user(cn, 'analyst');
    const draft = await cn.services.warnings.create(analyst, input());
    expect(draft).toMatchObject({ state: 'draft', direction: 'sent', nextAction: { action: 'send', party: 'CN' } });

    const sent = await cn.services.warnings.send(analyst, draft.id);
    expect(sent.state).toBe('sent');
    expect(sent.deadlines).toMatchObject([{ rule: 'warning.acknowledgement', party: 'RU', state: 'running', due: '2026-12-01T06:00:00.000Z', legalDate: '2026-12-01', provision: 'art-5.3' }]);
    expect(sent.object).toMatchObject({ type: 'accord-early-warning', warning_severity: 'critical', addressees: [{ party: 'RU' }] });
    expect(relay.pending).toBe(1);

    await relay.flush();
    const onCn = await cn.services.warnings.get(analyst, draft.id);
    expect(onCn.state).toBe('delivered');
    expect(onCn.addressees).toMatchObject([{ party: 'RU', state: 'delivered' }]);

    const liaison = await nodes.user(ru, 'liaison');
    const received = await ru.services.warnings.get(liaison, draft.id);
    expect(received).toMatchObject({ direction: 'received', state: 'delivered', senderParty: 'CN', severity: 'critical', nextAction: { action: 'acknowledge', party: 'RU', due: '2026-12-01T06:00:00.000Z' } });
    expect(received.deadlines).toMatchObject([{ rule: 'warning.acknowledgement', party: 'RU', due: '2026-12-01T06:00:00.000Z' }]);
    expect(received.translations).toMatchObject([{ lang: 'ru', title: 'Кампания программ-вымогателей против КИИ' }]);
    const inbox = await ru.services.inbox.inbox(liaison);
    expect(inbox.items).toMatchObject([{ kind: 'warning', id: draft.id, action: 'acknowledge', overdue: false }]);

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
    expect(joint.assessments).toMatchObject([
      { party: 'CN', agreement: 'strongly-agree', confidence: 95 },
      { party: 'RU', agreement: 'agree', confidence: 80, explanation: 'Same family seen in our networks', actionsTaken: ['Blocked C2 addresses'], note: 'Blocked C2 addresses' },
    ]);
    const ruView = await ru.services.warnings.get(liaison, draft.id);
    expect(ruView.assessments.map((a) => a.party)).toEqual(['CN', 'RU']);

    await cn.services.warnings.close(analyst, draft.id, 'Joint assessment done');
    await relay.flush();
    expect((await ru.services.warnings.get(liaison, draft.id)).state).toBe('closed');
    const history = (await cn.services.warnings.get(analyst, draft.id)).history.map((h) => h.kind);
    expect(history).toEqual(['drafted', 'sent', 'translated', 'delivered', 'acknowledged', 'assessed', 'assessed', 'assessment-note', 'closed']);
  });

  it('refuses to acknowledge a warning this Party sent itself, and changes nothing', async () => {
    const { cn } = nodes;
    const analyst = await nodes.user(cn, 'analyst');
    const liaison = await nodes.user(cn, 'liaison');
    const sent = await cn.services.warnings.create(analyst, input(), { send: true });
    const error = await rejects(cn.services.warnings.acknowledge(liaison, sent.id), 'forbidden');
    expect(error.message).toMatch(/sent by your own Party/);
    expect((await cn.services.warnings.get(analyst, sent.id)).state).toBe('sent');
  });
});
