import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import { CONSULTATION_STEP_TYPE, CONSULTATION_TYPE } from '../exchange/exchange-ids.js';
import { newExchangeObject } from '../exchange/exchange-objects.js';
import { dialects } from '../../test/support/databases.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import type { ProposeInput } from './consultation-objects.js';
import type { TestNode } from '../../test/support/test-node.js';
import type { UserPrincipal } from '../auth/principal.js';

const DAY = 86_400_000;

async function rejects(promise: Promise<unknown>, code: string): Promise<AccordError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccordError);
  expect((error as AccordError).code).toBe(code);
  return error as AccordError;
}

function proposal(overrides: Partial<ProposeInput> = {}): ProposeInput {
  return {
    title: '关于重大网络攻击的特别磋商', startsAt: '2027-02-10T01:00:00Z', endsAt: '2027-02-11T09:00:00Z', place: '北京',
    agenda: [{ title: '联合评估预警', relatedRefs: ['accord-early-warning--5b0a8a5e-1b0d-4c2e-9a39-0f0f64ea2d11'] }, { title: 'Обмен информацией о законодательстве' }],
    ...overrides,
  };
}

const inboxOf = async (node: TestNode, user: UserPrincipal) => (await node.services.inbox.inbox(user)).items.filter((i) => i.kind === 'consultation' || i.kind === 'action-item').map((i) => [i.kind, i.action, i.party, i.followUp]);

describe.each(dialects)('consultations and disputes between two nodes on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    nodes = await createTwoNodes(dialect, clock);
  });
  afterEach(async () => nodes?.close());

  it('goes proposed → counter-proposed → agreed → minutes on both nodes → approved; action items run on the deadline engine', async () => {
    const { cn, ru, relay } = nodes;
    const cnLiaison = await nodes.user(cn, 'liaison');
    const ruLiaison = await nodes.user(ru, 'liaison');
    const proposed = await cn.services.consultations.propose(cnLiaison, proposal());
    expect(proposed).toMatchObject({ kind: 'extraordinary', state: 'proposed', proposer: 'CN', host: 'CN', parties: ['CN', 'RU'], localDates: { start: '2027-02-10', end: '2027-02-11' } });
    expect(proposed.terms).toMatchObject({ timeZone: 'Asia/Shanghai', place: '北京', party: 'CN', ref: proposed.id });
    await relay.flush();
    const onRu = await ru.services.consultations.get(proposed.id);
    expect(onRu).toMatchObject({ state: 'proposed', proposer: 'CN', terms: { startsAt: '2027-02-10T01:00:00.000Z' } });
    expect(onRu.terms.agenda[0]?.relatedRefs).toEqual(['accord-early-warning--5b0a8a5e-1b0d-4c2e-9a39-0f0f64ea2d11']);
    expect((await ru.services.notifications.list(ruLiaison, {}, 'ru')).items[0]?.text).toBe('CN предлагает провести консультации: «关于重大网络攻击的特别磋商»');
    // The dashboards: RU has terms to accept (due when the consultation would begin), CN waits.
    expect(await inboxOf(ru, ruLiaison)).toEqual([['consultation', 'accept', 'RU', false]]);
    expect((await ru.services.inbox.inbox(ruLiaison)).items.find((i) => i.kind === 'consultation')?.due).toBe('2027-02-10T01:00:00.000Z');
    expect(await inboxOf(cn, cnLiaison)).toEqual([]);
    expect(await inboxOf(ru, await nodes.user(ru, 'analyst'))).toEqual([]);

    // RU cannot accept and counter-propose at once; it proposes other dates.
    const countered = await ru.services.consultations.step(ruLiaison, proposed.id, {
      kind: 'counter-proposal', startsAt: '2027-02-17T06:00:00Z', endsAt: '2027-02-18T14:00:00Z', place: 'Москва', timeZone: 'Europe/Moscow', agenda: [{ title: 'Совместная оценка предупреждения' }],
    });
    expect(countered.terms).toMatchObject({ party: 'RU', place: 'Москва' });
    await rejects(ru.services.consultations.step(ruLiaison, proposed.id, { kind: 'acceptance' }), 'conflict');
    await relay.flush();
    const counterRef = (await cn.services.consultations.get(proposed.id)).terms.ref;
    expect(counterRef).toBe(countered.terms.ref);
    // Accepting the superseded proposal is refused, and changes nothing.
    await rejects(cn.services.consultations.step(cnLiaison, proposed.id, { kind: 'acceptance', acceptsRef: proposed.id }), 'conflict');
    expect((await cn.services.consultations.get(proposed.id)).acceptedBy).toEqual([]);
    const agreed = await cn.services.consultations.step(cnLiaison, proposed.id, { kind: 'acceptance' });
    expect(agreed).toMatchObject({ state: 'agreed', acceptedBy: ['CN'], localDates: { start: '2027-02-17', end: '2027-02-18' } });
    await relay.flush();
    expect((await ru.services.consultations.get(proposed.id)).state).toBe('agreed');
    // The agreed record is closed to new terms.
    await rejects(ru.services.consultations.step(ruLiaison, proposed.id, { kind: 'counter-proposal', startsAt: '2027-03-01T06:00:00Z', endsAt: '2027-03-02T06:00:00Z', place: 'Казань', agenda: [{ title: 'x' }] }), 'conflict');

    clock.set('2027-02-18T15:00:00.000Z');
    const held = await cn.services.consultations.step(cnLiaison, proposed.id, {
      kind: 'minutes',
      attendance: [{ party: 'CN', name: '王伟', role: '团长' }, { party: 'RU', name: 'Иван Петров', role: 'глава делегации' }],
      minutes: { zh: '双方审议了预警的联合评估。', ru: 'Стороны рассмотрели совместную оценку предупреждения.' },
      decisions: [{ zh: '建立热线', ru: 'Создать горячую линию' }],
      actionItems: [{ code: 'hotline', title: 'Set up the hotline', ownerParty: 'RU', owner: 'Иван Петров', dueInDays: 30 }, { code: 'report', title: 'Report on the warning', ownerParty: 'CN', dueOn: '2027-03-01' }],
    });
    expect(held.state).toBe('held');
    // Ends 17:00 on 18 Feb in Moscow; exclusive counting: day 30 is 20 March, due as it ends in Moscow (before 21:00Z);
    // the CN item is due as 1 March ends in Beijing (before 16:00Z).
    expect(held.actionItems.map((a) => [a.code, a.dueOn, a.deadline?.party, a.deadline?.due])).toEqual([
      ['hotline', '2027-03-20', 'RU', '2027-03-20T20:59:59.999Z'], ['report', '2027-03-01', 'CN', '2027-03-01T15:59:59.999Z'],
    ]);
    await relay.flush();
    const minutesOnRu = await ru.services.consultations.get(proposed.id);
    expect(minutesOnRu.minutes?.texts).toEqual({ zh: '双方审议了预警的联合评估。', ru: 'Стороны рассмотрели совместную оценку предупреждения.' });
    expect(minutesOnRu.actionItems.map((a) => [a.code, a.deadline?.state])).toEqual([['hotline', 'running'], ['report', 'running']]);
    expect(await inboxOf(ru, ruLiaison)).toEqual([['action-item', 'complete', 'RU', false], ['consultation', 'approve', 'RU', false]]);
    expect(await inboxOf(cn, cnLiaison)).toEqual([['action-item', 'complete', 'CN', false]]);

    await rejects(cn.services.consultations.step(cnLiaison, proposed.id, { kind: 'minutes-approval' }), 'conflict');
    const concluded = await ru.services.consultations.step(ruLiaison, proposed.id, { kind: 'minutes-approval' });
    expect(concluded).toMatchObject({ state: 'concluded', approvedBy: ['RU'] });
    await relay.flush();
    expect((await cn.services.consultations.get(proposed.id)).state).toBe('concluded');
    // Signed by both: the minutes can no longer change, on either node.
    const before = await cn.services.consultations.get(proposed.id);
    await rejects(cn.services.consultations.step(cnLiaison, proposed.id, { kind: 'minutes', attendance: [], minutes: { zh: '改写' } }), 'conflict');
    expect(await cn.services.consultations.get(proposed.id)).toEqual(before);
    // Nor does a peer's step change them: RU's node sending other minutes after approval is ignored.
    const forged = newExchangeObject(CONSULTATION_STEP_TYPE, clock.nowMicros(), 'identity--5d5a3e8c-1d2b-4c4a-9a7f-2b0f1f0e9c11', {
      consultation_ref: proposed.id, step_kind: 'minutes', acting_party: 'RU', attendance: [], minutes: { ru: 'Другой протокол' },
    });
    await cn.services.consultations.stepArrived(forged, 'RU');
    expect(await cn.services.consultations.get(proposed.id)).toEqual(before);

    await rejects(cn.services.consultations.step(cnLiaison, proposed.id, { kind: 'action-completed', actionCode: 'hotline' }), 'conflict');
    clock.advance(10 * DAY);
    await ru.services.consultations.step(ruLiaison, proposed.id, { kind: 'action-completed', actionCode: 'hotline' });
    await relay.flush();
    const done = await cn.services.consultations.get(proposed.id);
    expect(done.actionItems.map((a) => [a.code, a.done?.by ?? null, a.deadline?.state])).toEqual([['hotline', 'RU', 'met'], ['report', null, 'running']]);
    const checked = await cn.services.deadlines.check(Date.parse('2027-03-02T00:00:00Z') * 1000);
    expect(checked.fired.map((f) => [f.stage, f.deadline.subjectId])).toContainEqual(['overdue', `${proposed.id}#report`]);
    expect(await inboxOf(ru, ruLiaison)).toEqual([]);
    clock.set('2027-03-02T00:00:00.000Z');
    // CN's item is overdue: CN must act, RU follows it up.
    expect(await inboxOf(ru, ruLiaison)).toEqual([['action-item', 'complete', 'CN', true]]);
    expect((await cn.services.inbox.inbox(cnLiaison)).items.find((i) => i.kind === 'action-item')).toMatchObject({ id: proposed.id, title: 'Report on the warning', overdue: true });
    expect((await cn.services.notifications.list(cnLiaison, {}, 'en')).items.map((n) => n.text)).toContain('Consultation action item "Report on the warning": the action item is overdue since 2027-03-01T15:59:59.999Z (CN, legal date 2027-03-01)');
  });

  it('refuses bad proposals and steps with clear errors and changes nothing', async () => {
    const { cn, ru, relay } = nodes;
    const cnLiaison = await nodes.user(cn, 'liaison');
    const reader = await nodes.user(cn, 'reader');
    const first = await cn.services.consultations.propose(cnLiaison, proposal());
    await rejects(cn.services.consultations.propose(reader, proposal({ startsAt: '2027-05-01T01:00:00Z', endsAt: '2027-05-02T01:00:00Z' })), 'forbidden');
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ startsAt: '2027-02-11T08:00:00Z', endsAt: '2027-02-12T08:00:00Z' })), 'conflict');
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ startsAt: '2027-05-02T01:00:00Z', endsAt: '2027-05-01T01:00:00Z' })), 'bad-request');
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ startsAt: '2026-11-02T01:00:00Z', endsAt: '2026-11-03T01:00:00Z' })), 'bad-request');
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ startsAt: '2027-05-01T01:00:00Z', endsAt: '2027-05-02T01:00:00Z', parties: ['CN', 'US'] })), 'bad-request');
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ startsAt: '2027-05-01T01:00:00Z', endsAt: '2027-05-02T01:00:00Z', agenda: [] })), 'bad-request');
    // Regular consultations keep to the schedule: H1 2027 is CN's (no regular one held yet), and must stay in the window.
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ kind: 'regular', host: 'RU', startsAt: '2027-05-01T01:00:00Z', endsAt: '2027-05-02T01:00:00Z' })), 'conflict');
    await rejects(cn.services.consultations.propose(cnLiaison, proposal({ kind: 'regular', startsAt: '2027-06-30T01:00:00Z', endsAt: '2027-07-01T01:00:00Z' })), 'conflict');
    const regular = await cn.services.consultations.propose(cnLiaison, proposal({ kind: 'regular', startsAt: '2027-05-01T01:00:00Z', endsAt: '2027-05-02T01:00:00Z' }));
    expect(regular).toMatchObject({ kind: 'regular', host: 'CN' });
    expect((await cn.services.consultations.schedule('2027-01-01', 1)).windows.map((w) => [w.host, w.consultation?.id ?? null])).toEqual([['CN', regular.id], ['RU', null]]);
    expect((await cn.services.consultations.list({ limit: 100 })).map((c) => c.id)).toEqual([first.id, regular.id]);

    // Minutes before the consultation is agreed; a Party's acceptance of its own terms.
    await rejects(cn.services.consultations.step(cnLiaison, first.id, { kind: 'minutes', attendance: [], minutes: { zh: '纪要' } }), 'conflict');
    await rejects(cn.services.consultations.step(cnLiaison, first.id, { kind: 'acceptance' }), 'conflict');
    // Agreed, but minutes wait until the consultation has begun.
    await relay.flush();
    await ru.services.consultations.step(await nodes.user(ru, 'liaison'), first.id, { kind: 'acceptance' });
    await relay.flush();
    const early = await rejects(cn.services.consultations.step(cnLiaison, first.id, { kind: 'minutes', attendance: [], minutes: { zh: '纪要' } }), 'conflict');
    expect(early.message).toMatch(/once it has begun \(2027-02-10T01:00:00/);
    expect((await cn.services.consultations.get(first.id)).minutes).toBeNull();
    // Agenda items link the cooperation's records, not arbitrary objects.
    const link = await rejects(cn.services.consultations.propose(cnLiaison, proposal({
      startsAt: '2027-09-01T01:00:00Z', endsAt: '2027-09-02T01:00:00Z', agenda: [{ title: 'x' }, { title: 'IOC', relatedRefs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'] }],
    })), 'bad-request');
    expect(link.message).toMatch(/Agenda item 2 links indicator--/);
    await rejects(cn.services.consultations.get('accord-consultation--00000000-0000-4000-8000-000000000000'), 'not-found');

    // A proposal from a Party that is not in the agreement, or sent by a Party on another's behalf, is not kept.
    const foreign = newExchangeObject(CONSULTATION_TYPE, clock.nowMicros(), 'identity--5d5a3e8c-1d2b-4c4a-9a7f-2b0f1f0e9c11', {
      agreement: 'cn-ru-2015', name: 'x', consultation_kind: 'extraordinary', proposing_party: 'US', host_party: 'US', parties: ['US', 'RU'],
      starts_at: '2027-08-01T00:00:00.000Z', ends_at: '2027-08-02T00:00:00.000Z', time_zone: 'UTC', place: 'x', agenda: [{ title: 'x' }],
    });
    await ru.services.consultations.proposalArrived(foreign, 'US');
    await ru.services.consultations.proposalArrived({ ...foreign, proposing_party: 'CN', parties: ['CN', 'RU'] }, 'US');
    await relay.flush();
    expect((await ru.services.consultations.list({ limit: 100 })).map((c) => c.id)).toEqual([first.id, regular.id]);
  });

  it('syncs a dispute: positions, a round of negotiation, ledger evidence, the outcome; nothing after it', async () => {
    const { cn, ru, relay } = nodes;
    const cnLiaison = await nodes.user(cn, 'liaison');
    const ruLiaison = await nodes.user(ru, 'liaison');
    const consultation = await cn.services.consultations.propose(cnLiaison, proposal());
    await relay.flush();
    await rejects(cn.services.disputes.raise(cnLiaison, { title: 'x', provisions: ['art-99'], subject: { zh: '解释' } }), 'bad-request');
    await rejects(cn.services.disputes.raise(cnLiaison, { title: 'x', provisions: ['art-5.4'], subject: { zh: ' ' } }), 'bad-request');
    const ruEvents: string[] = [];
    ru.services.events.subscribe((e) => { if (e.type.startsWith('dispute.')) ruEvents.push(`${e.type} ${String(e.data.id)}`); });
    const raised = await cn.services.disputes.raise(cnLiaison, { title: '关于第五条第四款的解释', provisions: ['art-5.4'], subject: { zh: '磋商地点的轮换', ru: 'Очерёдность места консультаций' } });
    expect(raised).toMatchObject({ state: 'open', raisingParty: 'CN', parties: ['CN', 'RU'], provisions: ['art-5.4'] });
    await relay.flush();
    expect((await ru.services.notifications.list(ruLiaison, {}, 'ru')).items[0]).toMatchObject({ subjectKind: 'dispute', subjectId: raised.id, text: 'CN заявляет спор: «关于第五条第四款的解释»' });
    await ru.services.disputes.step(ruLiaison, raised.id, { kind: 'position', content: { ru: 'Очерёдность установлена протоколом' } });
    await relay.flush();
    expect((await cn.services.notifications.list(cnLiaison, {}, 'en')).items[0]?.text).toBe('RU: position in the dispute "关于第五条第四款的解释"');
    await cn.services.disputes.step(cnLiaison, raised.id, { kind: 'negotiation', content: { zh: '第一轮谈判' }, heldOn: '2026-12-05' });
    await rejects(cn.services.disputes.step(cnLiaison, raised.id, { kind: 'evidence', content: { zh: '证据' }, evidence: [{ objectId: 'indicator--00000000-0000-4000-8000-000000000000' }] }), 'bad-request');
    const withEvidence = await cn.services.disputes.step(cnLiaison, raised.id, { kind: 'evidence', content: { zh: '提议已送达' }, evidence: [{ objectId: consultation.id, description: 'the proposal as delivered' }] });
    expect(withEvidence.steps.at(-1)?.evidence[0]).toMatchObject({ objectRef: consultation.id, packageHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    await relay.flush();
    const settled = await ru.services.disputes.step(ruLiaison, raised.id, { kind: 'outcome', content: { ru: 'Урегулировано', zh: '已解决' } });
    expect(settled).toMatchObject({ state: 'settled', outcome: { ru: 'Урегулировано', zh: '已解决' } });
    await relay.flush();
    const onCn = await cn.services.disputes.get(raised.id);
    expect(onCn.state).toBe('settled');
    expect(ruEvents).toEqual(['raised', 'step', 'step', 'step', 'settled'].map((t) => `dispute.${t} ${raised.id}`));
    expect(onCn.steps.map((s) => [s.kind, s.party])).toEqual([['position', 'RU'], ['negotiation', 'CN'], ['evidence', 'CN'], ['outcome', 'RU']]);
    expect((await ru.services.disputes.get(raised.id)).steps.map((s) => s.kind)).toEqual(['position', 'negotiation', 'evidence', 'outcome']);
    await rejects(cn.services.disputes.step(cnLiaison, raised.id, { kind: 'position', content: { zh: '补充' } }), 'conflict');
    expect(await cn.services.disputes.get(raised.id)).toEqual(onCn);
    await rejects(cn.services.disputes.step(await nodes.user(cn, 'analyst'), raised.id, { kind: 'position', content: { zh: 'x' } }), 'forbidden');
  });
});
