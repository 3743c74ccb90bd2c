import { describe, expect, it } from 'vitest';
import type { StixObject } from '../objects/object-row.js';
import { applyStep, proposalRecord, stepRefusal, type ConsultationRecord } from './consultation-record.js';

const proposal = {
  type: 'accord-consultation', spec_version: '2.1', id: 'accord-consultation--1', created: '2027-01-01T00:00:00.000Z', modified: '2027-01-01T00:00:00.000Z',
  name: 'Annual consultations', consultation_kind: 'regular', proposing_party: 'XB', host_party: 'XB', parties: ['XA', 'XB', 'XC'],
  starts_at: '2027-05-01T08:00:00.000Z', ends_at: '2027-05-02T16:00:00.000Z', time_zone: 'Europe/Paris', place: 'Paris', agenda: [{ title: 'Review' }],
} as StixObject;

const step = (id: string, kind: string, extra: Record<string, unknown> = {}): StixObject => ({ type: 'accord-consultation-step', spec_version: '2.1', id, created: '2027-01-02T00:00:00.000Z', modified: '2027-01-02T00:00:00.000Z', step_kind: kind, ...extra });

function take(record: ConsultationRecord, object: StixObject, party: string): ConsultationRecord {
  expect(stepRefusal('c', record, object.step_kind as never, party, { acceptsRef: object.accepts_ref as string | undefined, actionCode: object.action_code as string | undefined })).toBeUndefined();
  return applyStep(record, object, party, party, String(object.created));
}

describe('a consultation of three Parties', () => {
  it('is agreed only when every other Party accepted the same terms, and a counter-proposal resets acceptances', () => {
    let record = proposalRecord(proposal);
    record = take(record, step('s1', 'acceptance', { accepts_ref: proposal.id }), 'XA');
    expect(record).toMatchObject({ state: 'proposed', acceptedBy: ['XA'] });
    record = take(record, step('s2', 'counter-proposal', { starts_at: '2027-05-08T08:00:00.000Z', ends_at: '2027-05-09T16:00:00.000Z', time_zone: 'Asia/Kolkata', place: 'Delhi', agenda: [{ title: 'Review' }] }), 'XC');
    expect(record).toMatchObject({ state: 'proposed', acceptedBy: [], terms: { party: 'XC', ref: 's2', place: 'Delhi' } });
    expect(stepRefusal('c', record, 'acceptance', 'XA', { acceptsRef: proposal.id })?.text('en')).toContain('not the current terms');
    expect(stepRefusal('c', record, 'acceptance', 'XC', { acceptsRef: 's2' })?.text('en')).toContain('made the current terms');
    expect(stepRefusal('c', record, 'acceptance', 'XD', { acceptsRef: 's2' })?.text('en')).toContain('does not take part');
    record = take(record, step('s3', 'acceptance', { accepts_ref: 's2' }), 'XA');
    expect(record.state).toBe('proposed');
    record = take(record, step('s4', 'acceptance', { accepts_ref: 's2' }), 'XB');
    expect(record).toMatchObject({ state: 'agreed', acceptedBy: ['XA', 'XB'] });
  });

  it('closes the minutes once both other Parties approved them', () => {
    let record: ConsultationRecord = { ...proposalRecord(proposal), state: 'agreed' };
    record = take(record, step('m1', 'minutes', { attendance: [], minutes: { en: 'Minutes', fr: 'Procès-verbal' }, action_items: [{ code: 'a1', title: 'Do', owner_party: 'XA', due_on: '2027-06-01' }] }), 'XB');
    record = take(record, step('m2', 'minutes-approval', { accepts_ref: 'm1' }), 'XA');
    expect(record.state).toBe('held');
    record = take(record, step('m3', 'minutes-approval', { accepts_ref: 'm1' }), 'XC');
    expect(record.state).toBe('concluded');
    expect(stepRefusal('c', record, 'minutes', 'XB', {})?.text('en')).toContain('can no longer be changed');
    expect(stepRefusal('c', record, 'action-completed', 'XB', { actionCode: 'a1' })?.text('en')).toContain('owned by XA');
    record = take(record, step('m4', 'action-completed', { action_code: 'a1' }), 'XA');
    expect(record.done.a1?.by).toBe('XA');
  });
});
