import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAccordError } from '../errors/errors.js';
import {
  ackDeadline,
  addLegalDays,
  assistanceResponseDeadline,
  authorityExchangeDeadline,
  consultationSchedule,
  durationMs,
  entryIntoForce,
  isIanaTimeZone,
  isLegalDate,
  legalDate,
  shiftDate,
  startOfLegalDay,
  terminationEffective,
} from './legal-time.js';
import { loadProfile } from './profile.loader.js';
import type { Profile } from './profile.schema.js';

const cnRu = loadProfile('cn-ru-2015');
const multi = loadProfile('test-multilateral');

/** The cn-ru profile with another day-counting setting. */
function withCounting(dayCounting: Profile['dayCounting']): Profile {
  return { ...structuredClone(cnRu), dayCounting };
}

function badRequest(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAccordError(error) && error.code === 'bad-request') return error.message;
    throw error;
  }
  throw new Error('expected a bad-request error');
}

describe('legalDate', () => {
  it('puts 18:30 UTC on the next day in Beijing (02:30) and the same day in Moscow (21:30)', () => {
    const instant = new Date('2025-03-10T18:30:00Z');
    expect(legalDate(instant, 'Asia/Shanghai')).toBe('2025-03-11');
    expect(legalDate(instant, 'Europe/Moscow')).toBe('2025-03-10');
    expect(legalDate(instant, 'UTC')).toBe('2025-03-10');
    // 23:30 UTC is already the next day in both: Moscow is UTC+3.
    expect(legalDate(new Date('2025-03-10T23:30:00Z'), 'Europe/Moscow')).toBe('2025-03-11');
  });

  it('handles half-hour zones and year ends', () => {
    expect(legalDate(new Date('2024-12-31T18:29:59Z'), 'Asia/Kolkata')).toBe('2024-12-31');
    expect(legalDate(new Date('2024-12-31T18:30:00Z'), 'Asia/Kolkata')).toBe('2025-01-01');
    expect(legalDate(new Date('2024-12-31T11:00:00Z'), 'Pacific/Auckland')).toBe('2025-01-01');
  });

  it('refuses a zone Intl does not know or that is spelled wrongly', () => {
    expect(badRequest(() => legalDate(new Date(), 'Asia/Beijing'))).toMatch(/Asia\/Beijing/);
    expect(badRequest(() => legalDate(new Date(), 'asia/shanghai'))).toMatch(/IANA/);
  });
});

describe('addLegalDays', () => {
  it('counts from the next day (exclusive) or from the day itself (inclusive)', () => {
    expect(addLegalDays('2025-05-08', 30, 'calendar-days-exclusive')).toBe('2025-06-07');
    expect(addLegalDays('2025-05-08', 30, 'calendar-days-inclusive')).toBe('2025-06-06');
    expect(addLegalDays('2025-05-08', 1, 'calendar-days-inclusive')).toBe('2025-05-08');
  });

  it('crosses month ends and leap days', () => {
    expect(addLegalDays('2025-01-31', 30, 'calendar-days-exclusive')).toBe('2025-03-02');
    expect(addLegalDays('2024-01-31', 30, 'calendar-days-exclusive')).toBe('2024-03-01');
    expect(addLegalDays('2024-02-01', 28, 'calendar-days-exclusive')).toBe('2024-02-29');
    expect(addLegalDays('2023-02-01', 28, 'calendar-days-exclusive')).toBe('2023-03-01');
    expect(addLegalDays('2024-02-29', 90, 'calendar-days-inclusive')).toBe('2024-05-28');
    expect(addLegalDays('2025-12-15', 30, 'calendar-days-exclusive')).toBe('2026-01-14');
  });

  it('rejects periods that are not whole days ≥ 1 and dates that do not exist', () => {
    expect(badRequest(() => addLegalDays('2025-01-01', 0, 'calendar-days-inclusive'))).toMatch(/≥ 1/);
    expect(badRequest(() => addLegalDays('2025-01-01', 1.5, 'calendar-days-exclusive'))).toMatch(/whole/);
    expect(badRequest(() => addLegalDays('2023-02-29', 1, 'calendar-days-exclusive'))).toMatch(/2023-02-29/);
  });

  it('inclusive day N is always the exclusive day N − 1', () => {
    const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 2, max: 4000 }), (d, n) => {
        const date = d.toISOString().slice(0, 10);
        const exclusive = addLegalDays(date, n, 'calendar-days-exclusive');
        expect(addLegalDays(date, n, 'calendar-days-inclusive')).toBe(shiftDate(exclusive, -1));
        expect((Date.parse(exclusive) - Date.parse(date)) / 86_400_000).toBe(n);
      }),
    );
  });
});

describe('startOfLegalDay', () => {
  it('is local midnight, also on daylight-saving days', () => {
    expect(startOfLegalDay('2016-07-31', 'Asia/Shanghai').toISOString()).toBe('2016-07-30T16:00:00.000Z');
    expect(startOfLegalDay('2024-03-31', 'Europe/Paris').toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(startOfLegalDay('2024-10-27', 'Europe/Paris').toISOString()).toBe('2024-10-26T22:00:00.000Z');
    expect(startOfLegalDay('2024-01-01', 'Asia/Kolkata').toISOString()).toBe('2023-12-31T18:30:00.000Z');
  });

  it('is the first instant of the day where clocks skip midnight', () => {
    // Chile moved its clocks from 00:00 to 01:00 on 2024-09-08: that day starts at 01:00 −03.
    expect(startOfLegalDay('2024-09-08', 'America/Santiago').toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });
});

describe('entry into force (cn-ru: exclusive, receiving Party’s date)', () => {
  it('is the 30th day after the receiving Party’s date of receipt', () => {
    const atCn = entryIntoForce(cnRu, '2016-06-30T18:30:00Z', { receivingParty: 'CN' });
    expect(atCn).toMatchObject({
      date: '2016-07-31',
      eventDate: '2016-07-01',
      at: 'start-of-day',
      instant: '2016-07-30T16:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      provision: 'art-9.1',
      convention: 'calendar-days-exclusive',
      days: 30,
    });
    const atRu = entryIntoForce(cnRu, new Date('2016-06-30T18:30:00Z'), { receivingParty: 'RU' });
    expect(atRu).toMatchObject({ date: '2016-07-30', eventDate: '2016-06-30', instant: '2016-07-29T21:00:00.000Z' });
  });

  it('takes a legal date as given and needs no Party then', () => {
    expect(entryIntoForce(cnRu, '2015-12-01')).toMatchObject({ date: '2015-12-31', provision: 'art-9.1' });
    expect(entryIntoForce(cnRu, '2015-12-01').instant).toBeUndefined();
  });

  it('is day 29 after receipt when the day of receipt counts', () => {
    const inclusive = withCounting({ convention: 'calendar-days-inclusive', legalDateZone: { rule: 'receiving-party' } });
    expect(entryIntoForce(inclusive, '2015-12-01').date).toBe('2015-12-30');
  });

  it('follows the sending Party or a fixed zone when the profile says so', () => {
    const sending = withCounting({ convention: 'calendar-days-exclusive', legalDateZone: { rule: 'sending-party' } });
    expect(entryIntoForce(sending, '2016-06-30T18:30:00Z', { receivingParty: 'RU', sendingParty: 'CN' }).eventDate).toBe('2016-07-01');
    expect(entryIntoForce(sending, '2016-06-30T18:30:00Z', { receivingParty: 'CN', sendingParty: 'RU' }).eventDate).toBe('2016-06-30');
    const fixed = withCounting({ convention: 'calendar-days-exclusive', legalDateZone: { rule: 'fixed', timeZone: 'UTC' } });
    expect(entryIntoForce(fixed, '2016-06-30T23:30:00Z')).toMatchObject({ eventDate: '2016-06-30', timeZone: 'UTC' });
  });

  it('asks for the Party whose zone decides, and refuses strangers', () => {
    expect(badRequest(() => entryIntoForce(cnRu, '2016-06-30T18:30:00Z'))).toMatch(/receivingParty/);
    expect(badRequest(() => entryIntoForce(cnRu, '2016-06-30T18:30:00Z', { receivingParty: 'US' }))).toMatch(/US/);
    expect(badRequest(() => entryIntoForce(cnRu, 'yesterday', { receivingParty: 'CN' }))).toMatch(/instant/);
  });
});

describe('termination and the authority exchange (cn-ru)', () => {
  it('ends the agreement as day 90 after receipt of the notice ends', () => {
    expect(terminationEffective(cnRu, '2025-01-01T10:00:00Z', { receivingParty: 'RU' })).toMatchObject({
      date: '2025-04-01',
      at: 'end-of-day',
      instant: '2025-04-01T21:00:00.000Z',
      provision: 'art-9.3',
    });
  });

  it('gives the Parties until the end of day 60 after entry into force', () => {
    expect(authorityExchangeDeadline(cnRu, '2016-07-31')).toMatchObject({ date: '2016-09-29', at: 'end-of-day', provision: 'art-5.1' });
    expect(authorityExchangeDeadline(cnRu, '2016-07-31', 'Asia/Shanghai').instant).toBe('2016-09-29T16:00:00.000Z');
  });
});

describe('the multilateral profile (inclusive, fixed Europe/Paris)', () => {
  it('dates events in Paris and counts the day of receipt', () => {
    // 23:30 UTC on 30 March 2024 is 00:30 on the 31st in Paris (still winter time).
    expect(entryIntoForce(multi, '2024-03-30T23:30:00Z')).toMatchObject({
      eventDate: '2024-03-31',
      date: '2024-05-29',
      instant: '2024-05-28T22:00:00.000Z',
      provision: 'art-6.1',
    });
    expect(terminationEffective(multi, '2024-02-29')).toMatchObject({ date: '2024-08-26', instant: '2024-08-26T22:00:00.000Z' });
    expect(authorityExchangeDeadline(multi, '2024-05-29')).toMatchObject({ date: '2024-06-27', timeZone: 'Europe/Paris' });
  });
});

describe('consultationSchedule', () => {
  it('gives half-year windows with hosts alternating between two Parties', () => {
    const windows = consultationSchedule(cnRu, '2025-08-15', 4);
    expect(windows.map((w) => [w.start, w.end, w.host])).toEqual([
      ['2025-07-01', '2025-12-31', 'CN'],
      ['2026-01-01', '2026-06-30', 'RU'],
      ['2026-07-01', '2026-12-31', 'CN'],
      ['2027-01-01', '2027-06-30', 'RU'],
    ]);
    expect(windows.every((w) => w.provision === 'art-5.4')).toBe(true);
    expect(consultationSchedule(cnRu, new Date('2025-01-01T00:00:00Z'), 3, 'RU').map((w) => w.host)).toEqual(['RU', 'CN', 'RU']);
  });

  it('rotates yearly windows through three Parties in the profile’s order', () => {
    const windows = consultationSchedule(multi, '2024-02-29', 4);
    expect(windows.map((w) => `${w.start}/${w.end} ${w.host}`)).toEqual([
      '2024-01-01/2024-12-31 XB',
      '2025-01-01/2025-12-31 XC',
      '2026-01-01/2026-12-31 XA',
      '2027-01-01/2027-12-31 XB',
    ]);
    expect(consultationSchedule(multi, '2024-06-01', 4, 'XA').map((w) => w.host)).toEqual(['XA', 'XB', 'XC', 'XA']);
  });

  it('refuses a first host outside the rotation', () => {
    expect(badRequest(() => consultationSchedule(cnRu, '2025-01-01', 2, 'XA'))).toMatch(/rotation/);
  });
});

describe('instant deadlines', () => {
  it('adds the acknowledgement time of the severity to the sending time', () => {
    expect(ackDeadline(cnRu, 'critical', '2025-01-01T00:00:00Z')).toEqual({
      at: '2025-01-01T04:00:00.000Z',
      within: 'PT4H',
      provision: 'art-5.3',
      basis: 'accord-default',
    });
    expect(ackDeadline(cnRu, 'low', new Date('2025-02-25T12:00:00Z')).at).toBe('2025-03-04T12:00:00.000Z');
    expect(ackDeadline(multi, 'low', '2025-01-01T00:00:00Z').at).toBe('2025-01-15T00:00:00.000Z');
  });

  it('adds the response time of the urgency to the receipt of a request', () => {
    expect(assistanceResponseDeadline(cnRu, 'urgent', '2025-01-01T06:00:00Z')).toMatchObject({ at: '2025-01-02T06:00:00.000Z', provision: 'art-3.5' });
    expect(assistanceResponseDeadline(multi, 'routine', '2025-01-01T00:00:00Z').at).toBe('2025-01-15T00:00:00.000Z');
  });
});

describe('formats', () => {
  it('reads ISO durations in weeks, days and time, and nothing with months or years', () => {
    expect(durationMs('PT4H')).toBe(4 * 3_600_000);
    expect(durationMs('P1W2DT3H4M5S')).toBe(((9 * 24 + 3) * 60 + 4) * 60_000 + 5000);
    for (const bad of ['P', 'PT', 'P1M', 'P1Y', '4H', 'PT1.5H']) expect(durationMs(bad)).toBeUndefined();
  });

  it('knows real dates and canonical zone names', () => {
    expect(isLegalDate('2024-02-29')).toBe(true);
    expect(isLegalDate('2023-02-29')).toBe(false);
    expect(isLegalDate('2024-2-9')).toBe(false);
    expect(isIanaTimeZone('Europe/Moscow')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('Europe/Mosc0w')).toBe(false);
    expect(isIanaTimeZone('+08:00')).toBe(false);
  });
});
