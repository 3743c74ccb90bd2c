import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StixObject } from '../objects/object-row.js';
import { authorityExchangeDeadline } from '../profile/legal-time.js';
import { loadProfile } from '../profile/profile.loader.js';
import type { Profile } from '../profile/profile.schema.js';
import { agreementState, compareVersions } from './lifecycle.js';
import { lifecycleRefusal } from './lifecycle-checks.js';

const cnRu = loadProfile('cn-ru-2015');
const multi = loadProfile('test-multilateral');
const inclusive: Profile = { ...structuredClone(cnRu), dayCounting: { convention: 'calendar-days-inclusive', legalDateZone: { rule: 'receiving-party' } } };
const us = (iso: string): number => Date.parse(iso) * 1000;

function record(profile: Profile, kind: string, party: string, props: Record<string, unknown> = {}): StixObject {
  return {
    type: 'accord-lifecycle-record', spec_version: '2.1', id: `accord-lifecycle-record--${randomUUID()}`, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z',
    agreement: profile.id, record_kind: kind, recording_party: party, ...props,
  };
}

/** Signature, then each Party notifies and every other Party records receipt at the given instants. */
function ratified(profile: Profile, signedOn: string, version: string, receipts: Array<[notifier: string, sentAt: string, receiver: string, receivedAt: string]>): StixObject[] {
  const records = [record(profile, 'signature', profile.parties[0]?.code ?? '', { signed_on: signedOn, profile_version: version })];
  const notes = new Map<string, StixObject>();
  for (const [notifier, sentAt, receiver, receivedAt] of receipts) {
    let note = notes.get(notifier);
    if (!note) {
      note = record(profile, 'notification', notifier, { notifying_party: notifier, sent_at: sentAt, profile_version: version });
      notes.set(notifier, note);
      records.push(note);
    }
    records.push(record(profile, 'receipt', receiver, { notification_ref: note.id, receiving_party: receiver, received_at: receivedAt }));
  }
  return records;
}

const cnRuCase = (profile: Profile, lastReceiver: 'RU' | 'CN') => ratified(profile, '2026-11-30', '1.0.0', lastReceiver === 'RU'
  ? [['RU', '2026-12-02T06:00:00Z', 'CN', '2026-12-02T09:00:00Z'], ['CN', '2026-12-05T12:00:00Z', 'RU', '2026-12-05T20:30:00Z']]
  : [['CN', '2026-12-02T06:00:00Z', 'RU', '2026-12-02T09:00:00Z'], ['RU', '2026-12-05T12:00:00Z', 'CN', '2026-12-05T20:30:00Z']]);

describe('entry into force, termination and the 60-day deadline, hand-computed', () => {
  it('counts from the receiving Party\'s date: 23:30 in Moscow is already the next day in Beijing', () => {
    // 2026-12-05T20:30Z: 23:30 on 12-05 in Moscow, 04:30 on 12-06 in Beijing.
    const inMoscow = agreementState(cnRu, cnRuCase(cnRu, 'RU'), us('2027-01-01T00:00:00Z')).entryIntoForce;
    expect(inMoscow).toMatchObject({ eventDate: '2026-12-05', date: '2027-01-04', instant: '2027-01-03T21:00:00.000Z', timeZone: 'Europe/Moscow' });
    const inBeijing = agreementState(cnRu, cnRuCase(cnRu, 'CN'), us('2027-01-01T00:00:00Z')).entryIntoForce;
    expect(inBeijing).toMatchObject({ eventDate: '2026-12-06', date: '2027-01-05', instant: '2027-01-04T16:00:00.000Z', timeZone: 'Asia/Shanghai' });
  });

  it('counts the day of receipt as day 1 under the inclusive convention', () => {
    const state = agreementState(inclusive, cnRuCase(inclusive, 'RU'), us('2027-01-02T21:00:00Z'));
    expect(state).toMatchObject({ status: 'in-force', entryIntoForce: { date: '2027-01-03', instant: '2027-01-02T21:00:00.000Z', convention: 'calendar-days-inclusive' } });
    expect(authorityExchangeDeadline(inclusive, '2027-01-03', 'Asia/Shanghai')).toMatchObject({ date: '2027-03-03', instant: '2027-03-03T16:00:00.000Z' });
    expect(authorityExchangeDeadline(cnRu, '2027-01-04', 'Europe/Moscow')).toMatchObject({ date: '2027-03-05', instant: '2027-03-05T21:00:00.000Z' });
  });

  it('ends the agreement as day 90 after receipt of the notice ends, in either convention', () => {
    const notice = record(cnRu, 'termination-notice', 'RU', { notifying_party: 'RU', sent_at: '2027-02-01T10:00:00Z' });
    // Received at 2027-02-01T17:00Z: 2027-02-02 01:00 in Beijing.
    const receipt = record(cnRu, 'receipt', 'CN', { notification_ref: notice.id, receiving_party: 'CN', received_at: '2027-02-01T17:00:00Z' });
    const exclusive = agreementState(cnRu, [...cnRuCase(cnRu, 'RU'), notice, receipt], us('2027-05-03T15:59:59.999Z'));
    expect(exclusive).toMatchObject({ status: 'terminating', terminationEffective: { eventDate: '2027-02-02', date: '2027-05-03', instant: '2027-05-03T16:00:00.000Z', at: 'end-of-day', provision: 'art-9.3' } });
    expect(agreementState(cnRu, [...cnRuCase(cnRu, 'RU'), notice, receipt], us('2027-05-03T16:00:00Z')).status).toBe('terminated');
    const counted = agreementState(inclusive, [...cnRuCase(inclusive, 'RU'), notice, receipt], us('2027-03-01T00:00:00Z'));
    expect(counted.terminationEffective).toMatchObject({ date: '2027-05-02', instant: '2027-05-02T16:00:00.000Z' });
    expect(exclusive.termination?.awaitingReceipt).toEqual([]);
  });

  it('works for the multilateral profile: every Party notifies, every other receives; the fixed zone and summer time decide', () => {
    const receipts: Array<[string, string, string, string]> = [
      ['XA', '2025-03-01T00:00:00Z', 'XB', '2025-03-02T10:00:00Z'],
      ['XB', '2025-03-03T00:00:00Z', 'XA', '2025-03-04T10:00:00Z'], ['XB', '2025-03-03T00:00:00Z', 'XC', '2025-03-04T11:00:00Z'],
      ['XC', '2025-03-05T00:00:00Z', 'XA', '2025-03-06T10:00:00Z'], ['XC', '2025-03-05T00:00:00Z', 'XB', '2025-03-06T11:00:00Z'],
    ];
    const partial = agreementState(multi, ratified(multi, '2024-02-29', '0.1.0', receipts), us('2026-01-01T00:00:00Z'));
    expect(partial).toMatchObject({ status: 'signed', entryIntoForce: null });
    expect(partial.versions[0]?.notifications.find((n) => n.party === 'XA')?.awaitingReceipt).toEqual(['XC']);
    // The last receipt, at 2025-03-30T23:30Z, is 01:30 on 03-31 in Paris (summer time began that night).
    const all = ratified(multi, '2024-02-29', '0.1.0', [['XA', '2025-03-01T00:00:00Z', 'XC', '2025-03-30T23:30:00Z'], ...receipts]);
    const state = agreementState(multi, all, us('2025-05-28T22:00:00Z'));
    // Inclusive: day 60 counting 03-31 as day 1 is 05-29, beginning at 2025-05-28T22:00Z in Paris (UTC+2).
    expect(state).toMatchObject({ status: 'in-force', entryIntoForce: { eventDate: '2025-03-31', date: '2025-05-29', instant: '2025-05-28T22:00:00.000Z', timeZone: 'Europe/Paris', days: 60, provision: 'art-6.1' } });
    expect(agreementState(multi, all, us('2025-05-28T21:59:59Z')).status).toBe('signed');
    expect(authorityExchangeDeadline(multi, '2025-05-29')).toMatchObject({ date: '2025-06-27', instant: '2025-06-27T22:00:00.000Z' });
  });

  it('gives a protocol its own entry into force and answers which version governed an instant', () => {
    const base = cnRuCase(cnRu, 'RU');
    const protocol = record(cnRu, 'protocol', 'RU', { signed_on: '2027-06-01', profile_version: '1.1.0', name: 'Protocol on exchange formats' });
    const cnNote = record(cnRu, 'notification', 'CN', { notifying_party: 'CN', sent_at: '2027-07-01T00:00:00Z', profile_version: '1.1.0' });
    const ruNote = record(cnRu, 'notification', 'RU', { notifying_party: 'RU', sent_at: '2027-07-02T00:00:00Z', profile_version: '1.1.0' });
    const receipts = [
      record(cnRu, 'receipt', 'RU', { notification_ref: cnNote.id, receiving_party: 'RU', received_at: '2027-07-03T10:00:00Z' }),
      record(cnRu, 'receipt', 'CN', { notification_ref: ruNote.id, receiving_party: 'CN', received_at: '2027-07-10T10:00:00Z' }),
    ];
    const records = [...base, protocol, cnNote, ruNote, ...receipts];
    const state = agreementState(cnRu, records, us('2027-08-08T16:00:00Z'));
    expect(state.versions.map((v) => [v.version, v.entryIntoForce?.date, v.entryIntoForce?.instant])).toEqual([
      ['1.0.0', '2027-01-04', '2027-01-03T21:00:00.000Z'], ['1.1.0', '2027-08-09', '2027-08-08T16:00:00.000Z'],
    ]);
    expect(state.governingVersion).toBe('1.1.0');
    expect(agreementState(cnRu, records, us('2027-08-08T15:59:59Z')).governingVersion).toBe('1.0.0');
    expect(agreementState(cnRu, records, us('2026-12-31T00:00:00Z')).governingVersion).toBe('1.0.0');
    const older = record(cnRu, 'protocol', 'CN', { signed_on: '2027-09-01', profile_version: '1.0.1', name: 'Late' });
    expect(lifecycleRefusal(cnRu, records, older, us('2027-09-02T00:00:00Z'))).toMatchObject({ code: 'validation-failed', path: '/profile_version' });
    const early = record(cnRu, 'protocol', 'CN', { signed_on: '2026-01-01', profile_version: '2.0.0', name: 'Before' });
    expect(lifecycleRefusal(cnRu, records, early, us('2027-09-02T00:00:00Z'))?.message.text('en')).toMatch(/before the signature of the agreement \(2026-11-30\)/);
    expect(['1.10.0', '1.2.0', '1.2.0-rc.1', '0.9.9'].sort(compareVersions)).toEqual(['0.9.9', '1.2.0-rc.1', '1.2.0', '1.10.0']);
  });

  it('refuses a notice of termination before entry into force and a receipt by the notifying Party', () => {
    const records = cnRuCase(cnRu, 'RU');
    const notice = record(cnRu, 'termination-notice', 'CN', { notifying_party: 'CN', sent_at: '2027-01-03T20:59:59Z' });
    expect(lifecycleRefusal(cnRu, records, notice, us('2027-02-01T00:00:00Z'))).toMatchObject({ code: 'agreement-not-in-force', path: '/sent_at' });
    const note = records.find((r) => r.record_kind === 'notification' && r.notifying_party === 'CN') as StixObject;
    const own = record(cnRu, 'receipt', 'CN', { notification_ref: note.id, receiving_party: 'CN', received_at: '2026-12-06T00:00:00Z' });
    expect(lifecycleRefusal(cnRu, records, own, us('2027-02-01T00:00:00Z'))?.message.text('en')).toBe('CN cannot record receipt of its own notification');
    const stranger = record(cnRu, 'signature', 'US', { signed_on: '2026-11-30', profile_version: '1.0.0' });
    expect(lifecycleRefusal(cnRu, [], stranger, us('2027-02-01T00:00:00Z'))?.message.text('en')).toBe('US is not a Party of agreement cn-ru-2015');
  });
});
