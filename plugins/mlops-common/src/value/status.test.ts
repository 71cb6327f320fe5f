import type { KpiDefinition } from './definitions';
import type { KpiPoint } from './ledger';
import {
  KPI_STATUSES,
  kpiAssessment,
  kpiStatus,
  kpiStatusLabels,
} from './status';

const churn: KpiDefinition = {
  id: 'monthly-churn-rate',
  driver: 'Keep subscribers',
  kpi: 'Monthly churn rate',
  unit: '%',
  baseline: 2.8,
  target: 2.2,
  direction: 'decrease',
  cadence: 'P1M',
  method: 'before-after',
};

const retention: KpiDefinition = {
  ...churn,
  id: 'retention-rate',
  kpi: 'Retention rate',
  baseline: 80,
  target: 90,
  direction: 'increase',
};

const MONTHS = ['2025-01', '2025-02', '2025-03'];
const END = { '2025-01': '31', '2025-02': '28', '2025-03': '31' } as const;

/** Monthly actuals up to March 2025, one a month. */
function monthly(...values: number[]): KpiPoint[] {
  const months = MONTHS.slice(MONTHS.length - values.length);
  return values.map((value, i) => {
    const month = months[i] as keyof typeof END;
    return {
      periodStart: `${month}-01`,
      periodEnd: `${month}-${END[month]}`,
      value,
    };
  });
}

// March is reported; April's actual is due on 1 May.
const now = new Date('2025-04-10T12:00:00Z');

describe('kpiStatus', () => {
  it('is no-data without actuals', () => {
    expect(kpiStatus({ definition: churn, points: [], now })).toBe('no-data');
  });

  it('is overdue half a cadence after the next actual was due', () => {
    const points = monthly(2.7, 2.5, 2.3);
    const at = (iso: string) =>
      kpiStatus({ definition: churn, points, now: new Date(iso) });
    expect(at('2025-05-15T23:59:59Z')).toBe('on-track');
    expect(at('2025-05-16T00:00:01Z')).toBe('overdue');
  });

  it.each([
    ['decreasing churn', [2.9], 'off-track', churn],
    ['decreasing churn', [2.7], 'at-risk', churn],
    ['decreasing churn', [2.7, 2.5], 'on-track', churn],
    ['decreasing churn', [2.3, 2.4], 'at-risk', churn],
    ['decreasing churn', [2.2], 'on-track', churn],
    ['decreasing churn', [2.0, 2.1], 'on-track', churn],
    ['increasing retention', [79], 'off-track', retention],
    ['increasing retention', [82], 'at-risk', retention],
    ['increasing retention', [84, 86], 'on-track', retention],
    ['increasing retention', [88, 87], 'at-risk', retention],
    ['increasing retention', [91], 'on-track', retention],
  ] as const)(
    'rates %s with actuals %j as %s',
    (_, values, expected, definition) => {
      expect(kpiStatus({ definition, points: monthly(...values), now })).toBe(
        expected,
      );
    },
  );

  it('holds a KPI whose target is its baseline to the line', () => {
    const hold = { ...retention, baseline: 20, target: 20 };
    expect(kpiStatus({ definition: hold, points: monthly(20), now })).toBe(
      'on-track',
    );
    expect(kpiStatus({ definition: hold, points: monthly(19), now })).toBe(
      'off-track',
    );
  });

  describe('without a baseline or a target', () => {
    const noTarget = { ...churn, target: undefined };
    const noNumbers = { ...churn, baseline: undefined, target: undefined };

    it('compares with the baseline, then follows the last movement', () => {
      expect(
        kpiStatus({ definition: noTarget, points: monthly(2.9), now }),
      ).toBe('off-track');
      expect(
        kpiStatus({ definition: noTarget, points: monthly(2.7), now }),
      ).toBe('on-track');
      expect(
        kpiStatus({ definition: noTarget, points: monthly(2.5, 2.7), now }),
      ).toBe('at-risk');
    });

    it('follows the last movement alone when there is nothing else', () => {
      expect(
        kpiStatus({ definition: noNumbers, points: monthly(3, 2.9), now }),
      ).toBe('on-track');
      expect(
        kpiStatus({ definition: noNumbers, points: monthly(2.9, 3), now }),
      ).toBe('at-risk');
      expect(
        kpiStatus({ definition: noNumbers, points: monthly(3), now }),
      ).toBe('at-risk');
    });

    it('is on track at or beyond a target without a baseline', () => {
      const noBaseline = { ...churn, baseline: undefined };
      expect(
        kpiStatus({ definition: noBaseline, points: monthly(2.1), now }),
      ).toBe('on-track');
    });

    it('reads a controlled lift against zero', () => {
      const lift = { ...noNumbers, method: 'controlled-lift' as const };
      expect(kpiStatus({ definition: lift, points: monthly(0.2), now })).toBe(
        'off-track',
      );
      expect(kpiStatus({ definition: lift, points: monthly(-0.2), now })).toBe(
        'on-track',
      );
    });
  });
});

describe('kpiAssessment', () => {
  it('says why, with the progress and when the KPI turns overdue', () => {
    expect(
      kpiAssessment({ definition: churn, points: monthly(2.7, 2.5), now }),
    ).toEqual({
      status: 'on-track',
      reason:
        'On the way to the target: 50% of the way from the baseline to the target.',
      progress: expect.closeTo(0.5),
      latest: {
        periodStart: '2025-03-01',
        periodEnd: '2025-03-31',
        value: 2.5,
      },
      overdueAfter: new Date('2025-05-16T00:00:00Z'),
    });
  });
});

describe('the KPI status vocabulary', () => {
  it('labels every status and lists each once', () => {
    expect(Object.keys(kpiStatusLabels).sort()).toEqual(
      [...KPI_STATUSES].sort(),
    );
    expect(new Set(Object.values(kpiStatusLabels)).size).toBe(
      KPI_STATUSES.length,
    );
  });
});
