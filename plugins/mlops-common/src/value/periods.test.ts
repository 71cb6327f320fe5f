import {
  checkCadence,
  checkInOverdueAfter,
  checkPeriod,
  describeCadence,
  isIsoDate,
  nextCheckInDue,
  periodFor,
} from './periods';

describe('periodFor', () => {
  it('gives the UTC day for P1D', () => {
    expect(periodFor('P1D', '2025-02-14')).toEqual({
      start: '2025-02-14',
      end: '2025-02-14',
    });
    expect(periodFor('P1D', new Date('2025-02-14T23:59:59Z'))).toEqual({
      start: '2025-02-14',
      end: '2025-02-14',
    });
  });

  it('gives the ISO week, Monday to Sunday, for P1W', () => {
    // 2025-01-01 is a Wednesday; its ISO week starts on Monday 2024-12-30.
    expect(periodFor('P1W', '2025-01-01')).toEqual({
      start: '2024-12-30',
      end: '2025-01-05',
    });
    expect(periodFor('P1W', '2025-01-05').start).toBe('2024-12-30');
    expect(periodFor('P1W', '2025-01-06').start).toBe('2025-01-06');
    expect(periodFor('P7D', '2025-01-01')).toEqual(
      periodFor('P1W', '2025-01-01'),
    );
  });

  it('gives the calendar month for P1M, leap days included', () => {
    expect(periodFor('P1M', '2024-02-14')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(periodFor('P1M', '2025-12-31')).toEqual({
      start: '2025-12-01',
      end: '2025-12-31',
    });
  });

  it('gives the calendar quarter for P3M', () => {
    expect(periodFor('P3M', '2025-05-20')).toEqual({
      start: '2025-04-01',
      end: '2025-06-30',
    });
    expect(periodFor('P3M', '2025-01-01')).toEqual({
      start: '2025-01-01',
      end: '2025-03-31',
    });
  });

  it('gives the calendar year for P1Y and for P12M', () => {
    const year = { start: '2025-01-01', end: '2025-12-31' };
    expect(periodFor('P1Y', '2025-07-04')).toEqual(year);
    expect(periodFor('P12M', '2025-07-04')).toEqual(year);
  });

  it('counts other cadences from January or from a Monday', () => {
    expect(periodFor('P6M', '2025-08-01')).toEqual({
      start: '2025-07-01',
      end: '2025-12-31',
    });
    const fortnight = periodFor('P2W', '2025-01-15');
    expect(fortnight).toEqual({ start: '2025-01-06', end: '2025-01-19' });
    expect(new Date(fortnight.start).getUTCDay()).toBe(1);
    expect(periodFor('P2W', fortnight.end)).toEqual(fortnight);
    expect(periodFor('P2W', '2025-01-20').start).toBe('2025-01-20');
  });

  it('refuses what is not a date or not a usable cadence', () => {
    expect(() => periodFor('P1M', '2025-02-30')).toThrow(
      '"2025-02-30" is not a date such as 2025-01-31',
    );
    expect(() => periodFor('PT1H', '2025-02-01')).toThrow(RangeError);
  });

  it('reads every day of the calendar as Date does, leap years included', () => {
    const DAY = 86_400_000;
    const first = Date.UTC(1599, 11, 25) / DAY;
    const last = Date.UTC(2401, 0, 5) / DAY;
    for (let day = first; day <= last; day++) {
      const date = new Date(day * DAY).toISOString().slice(0, 10);
      if (periodFor('P1D', date).start !== date) {
        throw new Error(`${date} read as ${periodFor('P1D', date).start}`);
      }
    }
    expect(periodFor('P1M', '2024-02-29')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-3a',
    '2025/01/30',
    '2025-01-301',
    ' 2025-01-30',
  ])('refuses %j, which is not a date of the calendar', text => {
    expect(isIsoDate(text)).toBe(false);
    expect(() => periodFor('P1D', text)).toThrow(RangeError);
  });
});

describe('checkCadence and describeCadence', () => {
  it('accepts whole months or whole days', () => {
    for (const cadence of ['P1D', 'P1W', 'P1M', 'P3M', 'P1Y', 'P1Y6M']) {
      expect(checkCadence(cadence)).toBeUndefined();
    }
    expect(describeCadence('P1M')).toBe('calendar months');
    expect(describeCadence('P3M')).toBe('calendar quarters');
    expect(describeCadence('P1W')).toBe('ISO weeks (Monday to Sunday)');
    expect(describeCadence('P10D')).toBe('periods of 10 days');
  });

  it('rejects a zero duration, a mix of months and days, and hours', () => {
    expect(checkCadence('P0M')).toBe('must be longer than zero, got "P0M"');
    expect(checkCadence('P1M2D')).toMatch(
      /^mixes months or years with weeks or days, got "P1M2D"/,
    );
    expect(checkCadence('PT6H')).toMatch(/is not an ISO 8601 duration in days/);
  });
});

describe('checkPeriod', () => {
  it('accepts exactly one period of the cadence', () => {
    expect(checkPeriod('P1M', '2025-02-01', '2025-02-28')).toBeUndefined();
    expect(checkPeriod('P1W', '2025-01-06', '2025-01-12')).toBeUndefined();
  });

  it('names the period that contains the start of a misaligned period', () => {
    expect(checkPeriod('P1M', '2025-01-15', '2025-02-14')).toBe(
      "2025-01-15 to 2025-02-14 is not a period of the KPI's cadence P1M (calendar months); the period containing 2025-01-15 is 2025-01-01 to 2025-01-31",
    );
    expect(checkPeriod('P3M', '2025-01-01', '2025-01-31')).toMatch(
      /the period containing 2025-01-01 is 2025-01-01 to 2025-03-31$/,
    );
  });

  it('names a malformed date and an end before the start', () => {
    expect(checkPeriod('P1M', '2025-1-1', '2025-01-31')).toBe(
      'periodStart "2025-1-1" is not a date such as 2025-01-31',
    );
    expect(checkPeriod('P1M', '2025-02-01', '2025-01-31')).toBe(
      'periodEnd 2025-01-31 is before periodStart 2025-02-01',
    );
  });
});

describe('nextCheckInDue and checkInOverdueAfter', () => {
  it('expects the next period once it is over', () => {
    expect(nextCheckInDue('P1M', '2025-01-31')).toBe('2025-03-01');
    expect(nextCheckInDue('P3M', '2025-03-31')).toBe('2025-07-01');
    expect(nextCheckInDue('P1W', '2025-01-12')).toBe('2025-01-20');
    expect(nextCheckInDue('P1D', '2025-01-12')).toBe('2025-01-14');
  });

  it('allows half a cadence after the check-in is due', () => {
    expect(checkInOverdueAfter('P1M', '2025-01-31').toISOString()).toBe(
      '2025-03-16T00:00:00.000Z',
    );
    expect(checkInOverdueAfter('P1D', '2025-01-12').toISOString()).toBe(
      '2025-01-14T12:00:00.000Z',
    );
  });
});
