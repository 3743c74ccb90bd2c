import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { AccordError, detailsIn } from '../errors/errors.js';
import { dialects } from '../../test/support/databases.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import type { TestNode } from '../../test/support/test-node.js';
import type { UserPrincipal } from '../auth/principal.js';
import { nextVersion } from '../exchange/exchange-objects.js';
import type { StixObject } from '../objects/object-row.js';
import { PartyRecords } from './party-records.js';
import { indicator } from '../../test/support/stix-factory.js';

async function rejects(promise: Promise<unknown>, code: string): Promise<AccordError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccordError);
  expect((error as AccordError).code).toBe(code);
  return error as AccordError;
}

const lifecycle = (node: TestNode) => node.services.governance.agreement;

/*
 * Hand-computed case under cn-ru-2015 (calendar days, the day of the event not counted; the
 * legal date of a receipt is the receiving Party's):
 * - RU notifies; CN receives on 2026-12-02 (Beijing).
 * - CN notifies last; RU receives at 2026-12-05T20:30Z = 23:30 in Moscow on 12-05, already
 *   04:30 on 12-06 in Beijing. Moscow's date counts: day 30 after 12-05 is 2027-01-04, which
 *   begins in Moscow at 2027-01-03T21:00Z (Beijing's date would have given 2027-01-05).
 * - Authorities within 60 days: day 60 after 2027-01-04 is 2027-03-05, ending at
 *   2027-03-05T16:00Z for CN (UTC+8) and 2027-03-05T21:00Z for RU (UTC+3).
 * - RU gives notice of termination; CN receives it at 2027-02-01T17:00Z = 2027-02-02 01:00 in
 *   Beijing. Day 90 after 2027-02-02 is 2027-05-03; the agreement ceases as it ends in Beijing,
 *   at 2027-05-03T16:00Z.
 */
describe.each(dialects)('the agreement lifecycle between two nodes on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');
  let cnLiaison: UserPrincipal;
  let ruLiaison: UserPrincipal;

  beforeEach(async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    nodes = await createTwoNodes(dialect, clock);
    cnLiaison = await nodes.user(nodes.cn, 'liaison');
    ruLiaison = await nodes.user(nodes.ru, 'liaison');
  });
  afterEach(async () => nodes?.close());

  async function intoForce(): Promise<void> {
    const { cn, ru, relay } = nodes;
    await lifecycle(cn).record(cnLiaison, { kind: 'signature', signedOn: '2026-11-30', place: 'Moscow' });
    await relay.flush();
    clock.set('2026-12-02T09:00:00.000Z');
    const ruNote = await lifecycle(ru).record(ruLiaison, { kind: 'notification', sentAt: '2026-12-02T06:00:00Z' });
    await relay.flush();
    clock.set('2026-12-02T09:01:00.000Z');
    await lifecycle(cn).record(cnLiaison, { kind: 'receipt', notification: ruNote.record.id, receivedAt: '2026-12-02T09:00:00Z' });
    await relay.flush();
    clock.set('2026-12-06T00:00:00.000Z');
    const cnNote = await lifecycle(cn).record(cnLiaison, { kind: 'notification', sentAt: '2026-12-05T12:00:00Z' });
    await relay.flush();
    clock.set('2026-12-06T00:01:00.000Z');
    await lifecycle(ru).record(ruLiaison, { kind: 'receipt', notification: cnNote.record.id, receivedAt: '2026-12-05T20:30:00Z' });
    await relay.flush();
  }

  it('computes entry into force from the last receipt in the receiving Party\'s calendar, the same on both nodes', async () => {
    await intoForce();
    for (const node of [nodes.cn, nodes.ru]) {
      const state = await lifecycle(node).state();
      expect(state).toMatchObject({
        status: 'signed', signature: { party: 'CN', signedOn: '2026-11-30', place: 'Moscow' }, governingVersion: '1.0.0',
        entryIntoForce: { date: '2027-01-04', instant: '2027-01-03T21:00:00.000Z', timeZone: 'Europe/Moscow', eventDate: '2026-12-05', days: 30, convention: 'calendar-days-exclusive', provision: 'art-9.1', at: 'start-of-day' },
      });
      expect(state.entryIntoForce?.provisionText?.zh).toMatch(/第30日生效/);
      expect(state.versions[0]?.notifications.map((n) => [n.party, n.receipts.map((r) => [r.party, r.legalDate])])).toEqual([['RU', [['CN', '2026-12-02']]], ['CN', [['RU', '2026-12-05']]]]);
      expect((await lifecycle(node).state(Date.parse('2027-01-03T20:59:59.999Z') * 1000)).status).toBe('signed');
      expect((await lifecycle(node).state(Date.parse('2027-01-03T21:00:00.000Z') * 1000)).status).toBe('in-force');
    }
    expect((await lifecycle(nodes.ru).list()).map((r) => [r.object.record_kind, r.party])).toEqual([['signature', 'CN'], ['notification', 'RU'], ['receipt', 'CN'], ['notification', 'CN'], ['receipt', 'RU']]);
  });

  it('tracks the 60-day deadline for competent authorities per Party, and what each still has to share', async () => {
    await intoForce();
    const { cn, ru, relay } = nodes;
    const before = await cn.services.governance.authorities.exchangeStatus();
    expect(before.entryIntoForce).toBe('2027-01-04');
    expect(before.parties.map((p) => [p.party, p.due?.date, p.due?.instant, p.complete, p.gaps])).toEqual([
      ['CN', '2027-03-05', '2027-03-05T16:00:00.000Z', false, ['noAuthority', 'noContact', 'noKey']],
      ['RU', '2027-03-05', '2027-03-05T21:00:00.000Z', false, ['noAuthority', 'noContact', 'noKey']],
    ]);
    // What is missing is said in the caller's language, not only in English.
    expect((await cn.services.governance.authorities.exchangeStatus('ru')).parties[0]?.missing).toEqual([
      'компетентный орган не сообщён', 'нет круглосуточного (24/7) контакта', 'нет ключа подписи',
    ]);
    expect((await cn.services.governance.authorities.exchangeStatus('zh')).parties[0]?.missing[0]).toBe('尚未通报国家主管机构');
    const authority = await cn.services.governance.authorities.create(cnLiaison, {
      name: '国家计算机网络应急技术处理协调中心', roles: ['cert', 'coordination'], areas: ['early-warning', 'response-channels'],
      contacts: [{ channel: 'phone', value: '+86 10 0000 0000', alwaysAvailable: true }, { channel: 'email', value: 'duty@cert.example.cn' }],
    });
    expect((authority.object.extensions as Record<string, { keys: unknown[] }>)['extension-definition--2be74633-baf9-4c66-8691-fdd75a94f604']?.keys.length).toBe(1);
    await relay.flush();
    const onRu = await ru.services.governance.authorities.exchangeStatus();
    expect(onRu.parties.map((p) => [p.party, p.complete, p.gaps, p.deadlineState])).toEqual([['CN', true, [], 'met'], ['RU', false, ['noAuthority', 'noContact', 'noKey'], 'running']]);
    expect(onRu.parties[0]?.uncoveredAreas).not.toContain('early-warning');
    expect((await ru.services.governance.authorities.list('CN')).map((a) => a.title)).toEqual(['国家计算机网络应急技术处理协调中心']);
    clock.set('2027-03-05T21:00:00.001Z');
    expect((await ru.services.deadlines.check()).fired.map((f) => [f.stage, f.deadline.party, f.deadline.legalDate])).toEqual([['overdue', 'RU', '2027-03-05']]);
    await rejects(cn.services.governance.authorities.update(cnLiaison, (await cn.services.governance.authorities.list('RU'))[0]?.id ?? authority.id.replace('identity--', 'identity--0'), { name: 'x', roles: ['x'], areas: ['early-warning'] }), 'not-found');
  });

  it('ends new exchanges when termination takes effect, while agreed joint work survives', async () => {
    await intoForce();
    const { cn, ru, relay } = nodes;
    clock.set('2027-01-10T00:00:00.000Z');
    const activity = await cn.services.governance.activities.create(cnLiaison, {
      title: 'Joint research on botnet takedown', kind: 'research', directions: ['joint-research'], participants: [{ party: 'CN' }, { party: 'RU' }], startDate: '2027-03-01', endDate: '2027-12-31', status: 'agreed',
    });
    expect(activity.object).toMatchObject({ cost_bearer: 'own-party', profile_version: '1.0.0' });
    await relay.flush();
    clock.set('2027-02-01T18:00:00.000Z');
    const notice = await lifecycle(ru).record(ruLiaison, { kind: 'termination-notice', sentAt: '2027-02-01T10:00:00Z' });
    await relay.flush();
    const received = await lifecycle(cn).record(cnLiaison, { kind: 'receipt', notification: notice.record.id, receivedAt: '2027-02-01T17:00:00Z' });
    expect(received.state).toMatchObject({ status: 'terminating', terminationEffective: { date: '2027-05-03', instant: '2027-05-03T16:00:00.000Z', eventDate: '2027-02-02', timeZone: 'Asia/Shanghai', provision: 'art-9.3', at: 'end-of-day' } });
    await relay.flush();
    expect((await lifecycle(ru).state()).terminationEffective?.instant).toBe('2027-05-03T16:00:00.000Z');

    clock.set('2027-05-03T16:00:00.000Z');
    expect((await lifecycle(cn).state()).status).toBe('terminated');
    const refused = await rejects(cn.services.warnings.create(cnLiaison, { title: 'Late warning', severity: 'high', threatCategory: 'crime', addressees: ['RU'] }, { send: true }), 'agreement-not-in-force');
    expect(refused.message).toMatch(/ceased to have effect on 2027-05-03 \(art-9.3\)/);
    await rejects(ru.services.governance.activities.create(ruLiaison, { title: 'New training', kind: 'training', directions: ['training-exchange'], participants: [{ party: 'RU' }], startDate: '2027-06-01' }), 'agreement-not-in-force');
    expect(relay.pending).toBe(0);
    const inbox = await cn.services.collections.byAlias('inbox-RU');
    const late = indicator({ created: '2027-05-03T16:00:00.000Z', modified: '2027-05-03T16:00:00.000Z' });
    const earlier = indicator({ created: '2027-05-03T15:59:59.999Z', modified: '2027-05-03T16:00:00.000Z' });
    const [lateOutcome, earlierOutcome] = await cn.services.ingest.ingestObjects([late, earlier], { collectionId: inbox.id, originParty: 'RU' });
    expect(lateOutcome?.status).toBe('rejected');
    expect(lateOutcome?.reason?.text('ru')).toMatch(/прекратило действие 2027-05-03/);
    expect(earlierOutcome?.status).toBe('new');
    const intel = await cn.services.collections.byAlias('intel');
    expect((await cn.services.ingest.ingestObjects([indicator({ created: '2027-05-03T16:00:00.000Z', modified: '2027-05-03T16:00:00.000Z' })], { collectionId: intel.id, originParty: null }))[0]?.status).toBe('new');
    const updated = await cn.services.governance.activities.update(cnLiaison, activity.id, {
      title: 'Joint research on botnet takedown', kind: 'research', directions: ['joint-research'], participants: [{ party: 'CN' }, { party: 'RU' }], startDate: '2027-03-01', endDate: '2027-12-31', status: 'in-progress',
    });
    expect(updated.status).toBe('in-progress');
    await relay.flush();
    const survivors = await lifecycle(ru).survivors();
    expect(survivors.rules.map((r) => r.code)).toEqual(['protection-obligations', 'unfinished-joint-work']);
    expect(survivors.items).toEqual([{ id: activity.id, kind: 'activity', title: 'Joint research on botnet takedown', status: 'in-progress', rule: 'unfinished-joint-work' }]);
  });

  it('holds back a record that arrives before the record it follows, and keeps it once that one arrives', async () => {
    const { cn, ru } = nodes;
    const signature = await lifecycle(cn).record(cnLiaison, { kind: 'signature', signedOn: '2026-11-30', place: 'Moscow' });
    const note = await lifecycle(cn).record(cnLiaison, { kind: 'notification', sentAt: '2026-12-01T08:00:00Z' });
    // As when a third Party relays out of order: the notification reaches RU before the signature.
    await lifecycle(ru).arrival(note.record.object, 'CN');
    expect(await lifecycle(ru).list()).toEqual([]);
    expect(await lifecycle(ru).records.heldBack()).toEqual([note.record.id]);
    // The hold is stored: a node restarted in between (a fresh set of records over the same store) still has it.
    const restarted = new PartyRecords(lifecycle(ru).records.deps, lifecycle(ru).records.spec);
    expect(await restarted.heldBack()).toEqual([note.record.id]);
    await lifecycle(ru).arrival(signature.record.object, 'CN');
    expect((await lifecycle(ru).list()).map((r) => r.id).sort()).toEqual([signature.record.id, note.record.id].sort());
    expect(await lifecycle(ru).records.heldBack()).toEqual([]);
    expect((await lifecycle(ru).state()).versions[0]?.notifications).toHaveLength(1);
  });

  it('brings a protocol into force on its own dates; records made after it carry its version', async () => {
    await intoForce();
    const { cn, ru, relay } = nodes;
    clock.set('2027-06-01T09:00:00.000Z');
    await rejects(lifecycle(ru).record(ruLiaison, { kind: 'protocol', signedOn: '2027-06-01', version: '1.0.0', name: 'Not newer' }), 'validation-failed');
    await lifecycle(ru).record(ruLiaison, { kind: 'protocol', signedOn: '2027-06-01', version: '1.1.0', name: 'Protocol on exchange formats', place: 'Beijing' });
    await relay.flush();
    clock.set('2027-07-01T09:00:00.000Z');
    const cnNote = await lifecycle(cn).record(cnLiaison, { kind: 'notification', sentAt: '2027-07-01T01:00:00Z' });
    expect(cnNote.record.object.profile_version).toBe('1.1.0');
    const ruNote = await lifecycle(ru).record(ruLiaison, { kind: 'notification', sentAt: '2027-07-01T02:00:00Z', version: '1.1.0' });
    await relay.flush();
    clock.set('2027-07-10T11:00:00.000Z');
    await lifecycle(ru).record(ruLiaison, { kind: 'receipt', notification: cnNote.record.id, receivedAt: '2027-07-03T10:00:00Z' });
    await relay.flush();
    const last = await lifecycle(cn).record(cnLiaison, { kind: 'receipt', notification: ruNote.record.id, receivedAt: '2027-07-10T10:00:00Z' });
    await relay.flush();
    // Received on 2027-07-10 in Beijing: day 30 is 2027-08-09, beginning at 2027-08-08T16:00Z.
    expect(last.state.versions[1]).toMatchObject({ version: '1.1.0', name: 'Protocol on exchange formats', entryIntoForce: { date: '2027-08-09', instant: '2027-08-08T16:00:00.000Z' } });
    expect(last.state.governingVersion).toBe('1.0.0');
    expect((await lifecycle(ru).state()).versions[1]?.entryIntoForce?.date).toBe('2027-08-09');
    const warning = { title: 'Botnet C2 on energy networks', severity: 'high', threatCategory: 'crime', addressees: ['RU'] } as const;
    const cnAnalyst = await nodes.user(cn, 'analyst');
    const before = await cn.services.warnings.create(cnAnalyst, warning, { send: true });
    clock.set('2027-08-08T16:00:00.000Z');
    expect(await lifecycle(ru).governingVersion(clock.nowMicros())).toBe('1.1.0');
    const law = await ru.services.governance.legislation.create(ruLiaison, { titles: { ru: 'Новый закон' }, status: 'in-force' });
    expect([law.governingVersion, law.object.profile_version]).toEqual(['1.1.0', '1.1.0']);
    // Exchanges record the version in force when they began, on both sides, and keep it in later versions.
    const after = await cn.services.warnings.create(cnAnalyst, warning, { send: true });
    const request = await ru.services.requests.submit(await nodes.user(ru, 'analyst'), {
      title: 'Preserve logs of the C2 servers', legalBasis: ['art-3.5'], threatCategory: 'crime', facts: 'C2 servers in the requested Party\'s networks', assistance: [{ kind: 'preserve-logs' }], urgency: 'routine', addressee: 'CN',
    });
    await cn.services.warnings.update(cnAnalyst, before.id, { title: 'Botnet C2 on energy networks (updated)' });
    await relay.flush();
    const cnLiaisonReads = { before: await cn.services.warnings.get(cnAnalyst, before.id), after: await cn.services.warnings.get(cnAnalyst, after.id) };
    expect([cnLiaisonReads.before.governingVersion, cnLiaisonReads.after.governingVersion]).toEqual(['1.0.0', '1.1.0']);
    expect((await ru.services.warnings.get(ruLiaison, before.id)).governingVersion).toBe('1.0.0');
    expect((await ru.services.warnings.get(ruLiaison, after.id)).governingVersion).toBe('1.1.0');
    expect((await cn.services.requests.get(cnLiaison, request.id)).governingVersion).toBe('1.1.0');
    const dispute = await cn.services.disputes.raise(cnLiaison, { title: 'Scope of Art. 5(4)', provisions: ['art-5.4'], subject: { zh: '关于第五条第四款的解释' } });
    await relay.flush();
    expect((await ru.services.disputes.get(dispute.id)).governingVersion).toBe('1.1.0');
  });

  it('refuses impossible dates, duplicates and acts out of order with clear errors, changing nothing', async () => {
    const { cn, ru, relay } = nodes;
    await rejects(lifecycle(cn).record(cnLiaison, { kind: 'notification' }), 'conflict');
    await rejects(lifecycle(cn).record(await nodes.user(cn, 'analyst'), { kind: 'signature', signedOn: '2026-11-30' }), 'forbidden');
    await rejects(lifecycle(cn).record(cnLiaison, { kind: 'signature', signedOn: '2026-02-30' }), 'validation-failed');
    expect(await lifecycle(cn).list()).toEqual([]);
    await lifecycle(cn).record(cnLiaison, { kind: 'signature', signedOn: '2026-11-30' });
    await rejects(lifecycle(cn).record(cnLiaison, { kind: 'signature', signedOn: '2026-11-29' }), 'conflict');
    const early = await rejects(lifecycle(cn).record(cnLiaison, { kind: 'notification', sentAt: '2026-11-29T10:00:00Z' }), 'validation-failed');
    expect(early.details[0]?.path).toBe('/sent_at');
    expect(detailsIn(early.details, 'en')[0]?.message).toMatch(/before the signature of the agreement \(2026-11-30\)/);
    await rejects(lifecycle(cn).record(cnLiaison, { kind: 'notification', sentAt: '2026-12-24T10:00:00Z' }), 'validation-failed');
    await rejects(lifecycle(cn).record(cnLiaison, { kind: 'termination-notice' }), 'agreement-not-in-force');
    await relay.flush();
    const note = await lifecycle(ru).record(ruLiaison, { kind: 'notification', sentAt: '2026-12-01T08:00:00Z' });
    await relay.flush();
    const backwards = await rejects(lifecycle(cn).record(cnLiaison, { kind: 'receipt', notification: note.record.id, receivedAt: '2026-12-01T07:59:59Z' }), 'validation-failed');
    expect(detailsIn(backwards.details, 'en')[0]?.message).toMatch(/before the notice was sent/);
    await rejects(lifecycle(ru).record(ruLiaison, { kind: 'receipt', notification: note.record.id }), 'validation-failed');
    await rejects(lifecycle(ru).record(ruLiaison, { kind: 'notification' }), 'conflict');
    const theirs = await rejects(lifecycle(ru).revise(ruLiaison, (await lifecycle(ru).list()).find((r) => r.object.record_kind === 'signature')?.id ?? '', { signedOn: '2026-11-01' }), 'forbidden');
    expect(theirs.message).toMatch(/only that Party may make a new version/);
    expect(relay.pending).toBe(0);
    for (const node of [cn, ru]) expect((await lifecycle(node).list()).map((r) => r.object.record_kind).sort()).toEqual(['notification', 'signature']);
  });

  it('refuses records a peer sends for another Party, from a non-Party, or as a new version of another Party\'s record', async () => {
    const { cn, ru, relay } = nodes;
    await lifecycle(cn).record(cnLiaison, { kind: 'signature', signedOn: '2026-11-30' });
    await relay.flush();
    const [signature] = await lifecycle(ru).list();
    const inbox = await cn.services.collections.byAlias('inbox-RU');
    const forged = nextVersion(signature?.object as StixObject, clock.nowMicros(), { signed_on: '2026-01-01' });
    const asCn = await cn.services.ingest.ingestObjects([forged], { collectionId: inbox.id, originParty: 'RU' });
    expect(asCn[0]).toMatchObject({ status: 'rejected' });
    expect(asCn[0]?.reason?.text('en')).toMatch(/records the acts of RU only, not of CN/);
    const stolen = await cn.services.ingest.ingestObjects([{ ...forged, recording_party: 'RU' }], { collectionId: inbox.id, originParty: 'RU' });
    expect(stolen[0]?.reason?.text('en')).toMatch(/made by CN: only that Party may make a new version/);
    const stranger = await cn.services.ingest.ingestObjects([{ ...forged, id: 'accord-lifecycle-record--3f1f3f3e-8a6c-4f7e-9d4c-0e0e1f2a3b4c', recording_party: 'US' }], { collectionId: inbox.id, originParty: 'US' });
    expect(stranger[0]?.reason?.text('en')).toMatch(/US is not a Party of agreement cn-ru-2015/);
    expect((await lifecycle(cn).state()).signature?.signedOn).toBe('2026-11-30');
    expect(await lifecycle(cn).list()).toHaveLength(1);
  });
});
