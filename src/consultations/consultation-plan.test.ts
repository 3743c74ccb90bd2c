import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors/errors.js';
import { loadProfile } from '../profile/profile.loader.js';
import { actionDueOn } from './consultation-objects.js';
import { checkDates, regularSchedule, windowFor } from './consultation-plan.js';
import type { Terms } from './consultation-record.js';

const cnRu = loadProfile('cn-ru-2015');
const multi = loadProfile('test-multilateral');
const span = (w: { start: string; end: string; host: string }) => [w.start, w.end, w.host];

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AccordError) return error.code;
    throw error;
  }
  throw new Error('expected an AccordError');
}

describe('regular consultation schedule', () => {
  it('cuts the year in two and alternates the host, CN first when none was held', () => {
    expect(regularSchedule(cnRu, '2027-01-15', 2, []).map(span)).toEqual([
      ['2027-01-01', '2027-06-30', 'CN'], ['2027-07-01', '2027-12-31', 'RU'], ['2028-01-01', '2028-06-30', 'CN'], ['2028-07-01', '2028-12-31', 'RU'],
    ]);
  });

  it('continues the rotation from the last regular consultation, whatever date the schedule starts from', () => {
    const held = [{ id: 'accord-consultation--1', title: 'H1', state: 'concluded', host: 'RU', startsAt: '2027-03-10T02:00:00.000Z', timeZone: 'Europe/Moscow' }];
    const schedule = regularSchedule(cnRu, '2027-03-01', 2, held);
    expect(schedule.map(span)).toEqual([
      ['2027-01-01', '2027-06-30', 'RU'], ['2027-07-01', '2027-12-31', 'CN'], ['2028-01-01', '2028-06-30', 'RU'], ['2028-07-01', '2028-12-31', 'CN'],
    ]);
    expect(schedule[0]?.consultation?.id).toBe('accord-consultation--1');
    expect(regularSchedule(cnRu, '2028-08-01', 1, held).map(span)).toEqual([['2028-07-01', '2028-12-31', 'CN'], ['2029-01-01', '2029-06-30', 'RU']]);
  });

  it('places a consultation in its window by the local date at the venue (Beijing UTC+8, Moscow UTC+3)', () => {
    // 2027-06-30T17:00Z is 01:00 on 1 July in Beijing but 20:00 on 30 June in Moscow.
    expect(windowFor(cnRu, '2027-06-30T17:00:00Z', 'Asia/Shanghai', [])).toMatchObject({ start: '2027-07-01', end: '2027-12-31' });
    expect(windowFor(cnRu, '2027-06-30T17:00:00Z', 'Europe/Moscow', [])).toMatchObject({ start: '2027-01-01', end: '2027-06-30' });
    // 2027-12-31T21:30Z is already 2028 in Moscow (00:30), still 2027 in UTC.
    expect(windowFor(cnRu, '2027-12-31T21:30:00Z', 'Europe/Moscow', [])).toMatchObject({ start: '2028-01-01' });
  });

  it('rotates through all three Parties of the multilateral profile, once a year', () => {
    expect(regularSchedule(multi, '2027-05-01', 4, []).map(span)).toEqual([
      ['2027-01-01', '2027-12-31', 'XB'], ['2028-01-01', '2028-12-31', 'XC'], ['2029-01-01', '2029-12-31', 'XA'], ['2030-01-01', '2030-12-31', 'XB'],
    ]);
    const held = [{ id: 'accord-consultation--2', title: 'x', state: 'held', host: 'XA', startsAt: '2027-06-01T08:00:00Z', timeZone: 'Pacific/Auckland' }];
    expect(regularSchedule(multi, '2028-01-01', 2, held).map((w) => w.host)).toEqual(['XB', 'XC']);
  });

  it('refuses a bad start date or number of years', () => {
    expect(code(() => regularSchedule(cnRu, '2027-02-30', 1, []))).toBe('bad-request');
    expect(code(() => regularSchedule(cnRu, '2027-01-01', 0, []))).toBe('bad-request');
    expect(code(() => regularSchedule(cnRu, '2027-01-01', 21, []))).toBe('bad-request');
  });
});

describe('action item due dates in both day-counting conventions', () => {
  const terms: Terms = { startsAt: '2027-03-04T01:00:00Z', endsAt: '2027-03-04T20:00:00Z', timeZone: 'Asia/Shanghai', place: 'Beijing', agenda: [], ref: 'x', party: 'CN' };

  it('counts from the day after the consultation ends under calendar-days-exclusive (cn-ru-2015)', () => {
    // The consultation ends at 04:00 on 5 March in Beijing: day 30 after it is 4 April.
    expect(actionDueOn(cnRu, { code: 'a', title: 'a', ownerParty: 'RU', dueInDays: 30 }, terms)).toBe('2027-04-04');
  });

  it('counts the last day itself as day 1 under calendar-days-inclusive (test-multilateral)', () => {
    expect(actionDueOn(multi, { code: 'a', title: 'a', ownerParty: 'XA', dueInDays: 30 }, terms)).toBe('2027-04-03');
  });

  it('takes a given date as it is, and refuses an impossible one or none', () => {
    expect(actionDueOn(cnRu, { code: 'a', title: 'a', ownerParty: 'RU', dueOn: '2027-05-01' }, terms)).toBe('2027-05-01');
    expect(code(() => actionDueOn(cnRu, { code: 'a', title: 'a', ownerParty: 'RU', dueOn: '2027-04-31' }, terms))).toBe('bad-request');
    expect(code(() => actionDueOn(cnRu, { code: 'a', title: 'a', ownerParty: 'RU' }, terms))).toBe('bad-request');
  });
});

describe('proposed dates', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('accepts future UTC instants with an end after the start', () => {
    expect(checkDates('2027-02-10T01:00:00Z', '2027-02-11T09:00:00Z', 'Asia/Shanghai', now)).toEqual({ startMs: Date.parse('2027-02-10T01:00:00Z'), endMs: Date.parse('2027-02-11T09:00:00Z') });
  });
  it.each([
    ['2027-02-11T01:00:00Z', '2027-02-10T01:00:00Z', 'Asia/Shanghai'],
    ['2027-02-10T01:00:00Z', '2027-02-10T01:00:00Z', 'Asia/Shanghai'],
    ['2026-11-01T01:00:00Z', '2026-11-02T01:00:00Z', 'Asia/Shanghai'],
    ['2027-02-30T01:00:00Z', '2027-03-02T01:00:00Z', 'Asia/Shanghai'],
    ['2027-02-10 01:00', '2027-02-11T01:00:00Z', 'Asia/Shanghai'],
    ['2027-02-10T01:00:00+08:00', '2027-02-11T01:00:00Z', 'Asia/Shanghai'],
    ['2027-02-10T01:00:00Z', '2027-02-11T01:00:00Z', 'Mars/Olympus'],
    ['2027-02-10T01:00:00Z', '2027-04-11T01:00:00Z', 'Asia/Shanghai'],
  ])('refuses %s – %s (%s)', (start, end, zone) => {
    expect(code(() => checkDates(start, end, zone, now))).toBe('bad-request');
  });
});
