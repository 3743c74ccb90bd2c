import { describe, expect, it } from 'vitest';
import { localInputToUtc, orderedLanguages, possibleSteps, type Consultation } from './consultations.api';

const NOW = Date.parse('2027-03-01T00:00:00Z');

function consultation(patch: Partial<Consultation> = {}): Consultation {
  return {
    id: 'accord-consultation--0b5b6a1e-5f6c-4a43-9c1e-2f4d8e6b7a10',
    kind: 'extraordinary',
    title: 'T',
    proposer: 'CN',
    host: 'CN',
    parties: ['CN', 'RU'],
    state: 'proposed',
    terms: {
      startsAt: '2027-02-17T02:00:00Z',
      endsAt: '2027-02-18T09:00:00Z',
      timeZone: 'Asia/Shanghai',
      place: '北京',
      agenda: [],
      ref: 'accord-consultation--0b5b6a1e-5f6c-4a43-9c1e-2f4d8e6b7a10',
      party: 'CN',
    },
    acceptedBy: [],
    minutes: null,
    approvedBy: [],
    steps: [],
    localDates: { start: '2027-02-17', end: '2027-02-18' },
    actionItems: [],
    ...patch,
  };
}

const steps = (c: Consultation, me: string, mayWrite = true) =>
  [...possibleSteps(c, me, mayWrite, NOW)].sort();

describe('the steps a Party may take on a consultation', () => {
  it('the other Party accepts or counter-proposes; the author of the terms may only cancel', () => {
    expect(steps(consultation(), 'RU')).toEqual(['acceptance', 'cancellation', 'counter-proposal']);
    expect(steps(consultation(), 'CN')).toEqual(['cancellation']);
  });

  it('nothing for a role that may not write, or a Party not taking part', () => {
    expect(steps(consultation(), 'RU', false)).toEqual([]);
    expect(steps(consultation(), 'XA')).toEqual([]);
  });

  it('minutes once agreed and begun, not before the start', () => {
    expect(steps(consultation({ state: 'agreed' }), 'CN')).toEqual(['cancellation', 'minutes']);
    const later = consultation({
      state: 'agreed',
      terms: { ...consultation().terms, startsAt: '2027-04-01T02:00:00Z' },
    });
    expect(steps(later, 'CN')).toEqual(['cancellation']);
  });

  it('the recorder waits for the other Party to approve; owners complete their own action items', () => {
    const held = consultation({
      state: 'held',
      minutes: {
        ref: 'accord-consultation-step--1b5b6a1e-5f6c-4a43-9c1e-2f4d8e6b7a10',
        party: 'RU',
        attendance: [],
        texts: {},
        decisions: [],
      },
      actionItems: [
        {
          code: 'a1',
          title: 'x',
          ownerParty: 'CN',
          owner: null,
          dueOn: '2027-03-20',
          done: null,
          deadline: null,
        },
      ],
    });
    expect(steps(held, 'CN')).toEqual(['action-completed', 'minutes', 'minutes-approval']);
    expect(steps(held, 'RU')).toEqual(['minutes']);
    expect(steps({ ...held, state: 'concluded', approvedBy: ['CN'] }, 'CN')).toEqual(['action-completed']);
  });
});

describe('form helpers', () => {
  it('local date-times become UTC instants without milliseconds', () => {
    expect(localInputToUtc('')).toBe('');
    expect(localInputToUtc('2027-02-17T10:00')).toMatch(/^2027-02-1[67]T\d{2}:00:00Z$/);
  });

  it('minutes show the authentic languages always, then English and others when given', () => {
    expect(orderedLanguages([{ en: 'x' }], ['zh', 'ru'])).toEqual(['zh', 'ru', 'en']);
    expect(orderedLanguages([{ ru: 'x', fr: 'y' }], ['zh', 'ru'])).toEqual(['zh', 'ru', 'fr']);
  });
});
