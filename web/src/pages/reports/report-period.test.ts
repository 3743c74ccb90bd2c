import { describe, expect, it } from 'vitest';
import { isValidPeriod, quickPeriod, reportUrl } from './report-period';

describe('report periods', () => {
  const today = new Date(2027, 1, 17); // 17 February 2027, local time

  it('names the last complete month, quarter, half-year and year, across the year boundary', () => {
    expect(quickPeriod('lastMonth', today)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(quickPeriod('lastQuarter', today)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quickPeriod('lastHalfYear', today)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(quickPeriod('lastYear', today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(quickPeriod('yearToDate', today)).toEqual({ from: '2027-01-01', to: '2027-02-17' });
  });

  it('within a year: the second quarter ends on 30 June, the first half-year too', () => {
    const august = new Date(2027, 7, 3);
    expect(quickPeriod('lastQuarter', august)).toEqual({ from: '2027-04-01', to: '2027-06-30' });
    expect(quickPeriod('lastHalfYear', august)).toEqual({ from: '2027-01-01', to: '2027-06-30' });
    expect(quickPeriod('lastMonth', new Date(2028, 2, 1))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('refuses an empty or reversed period and builds the API address', () => {
    expect(isValidPeriod({ from: '2027-02-01', to: '2027-01-31' })).toBe(false);
    expect(isValidPeriod({ from: '', to: '2027-01-31' })).toBe(false);
    expect(isValidPeriod({ from: '2027-01-31', to: '2027-01-31' })).toBe(true);
    expect(reportUrl({ from: '2027-01-01', to: '2027-03-31' }, 'ru', 'pdf')).toBe(
      '/api/v1/reports?from=2027-01-01&to=2027-03-31&lang=ru&format=pdf',
    );
  });
});
