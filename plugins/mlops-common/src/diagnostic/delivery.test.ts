import { diagnose } from './diagnose';
import {
  compareVersions,
  DEFAULT_DELIVERY_BANDS,
  deliveryBand,
  productionChanges,
} from './delivery';
import {
  CHURN,
  daysAgo,
  GBM,
  organisation,
  PRICE,
} from './__testUtils__/organisation';

const metric = (id: string, snapshot = organisation(), options = {}) =>
  diagnose(snapshot, { delivery: options }).delivery.find(m => m.id === id)!;

describe('delivery metrics of models', () => {
  it('measures the lead time from a use case’s registration to its first approved stage-3 gate', () => {
    const lead = metric('lead-time');
    // First seen 80 days ago; churn-gbm's stage-3 sign-off completed 21 days ago.
    expect(lead.value).toBe(59);
    expect(lead.band).toBe('high');
    expect(lead.sampleSize).toBe(1);
    expect(lead.evidence[0].entityRefs).toEqual([CHURN]);
  });

  it('counts new production versions per month, banded per production model', () => {
    const frequency = metric('change-frequency');
    // churn-gbm 1.1.0, 1.2.0, back to 1.1.0; price-elasticity into production.
    expect(frequency.sampleSize).toBe(4);
    expect(frequency.value).toBe(1.4);
    expect(frequency.bandValue).toBeCloseTo(0.676, 3);
    expect(frequency.band).toBe('high');
  });

  it('counts a change as failed when a drift alert, a failed acceptance criterion or a rollback follows it within the window', () => {
    const failure = metric('change-failure-rate');
    // churn-gbm 1.2.0: a drift alert 5 days later; price-elasticity: its
    // acceptance criteria failed 2 days after it reached production.
    expect(failure.value).toBe(0.5);
    expect(failure.band).toBe('low');
    expect(failure.evidence[0].entityRefs).toEqual([GBM, PRICE]);
    // With a 1-day window neither counts, and the rollback is 12 days after 1.2.0.
    expect(
      metric('change-failure-rate', organisation(), { failureWindowDays: 1 })
        .value,
    ).toBe(0);
  });

  it('counts the rollback itself as a failure of the version it replaces within the window', () => {
    const snapshot = organisation({
      driftTransitions: [],
      acceptanceFailures: [],
      modelHistory: [
        {
          modelRef: GBM,
          version: '1.0.0',
          lifecycle: 'production',
          observedAt: daysAgo(100),
        },
        {
          modelRef: GBM,
          version: '1.1.0',
          lifecycle: 'production',
          observedAt: daysAgo(10),
        },
        {
          modelRef: GBM,
          version: '1.0.0',
          lifecycle: 'production',
          observedAt: daysAgo(8),
        },
      ],
    });
    const failure = metric('change-failure-rate', snapshot);
    expect(failure.sampleSize).toBe(2);
    expect(failure.value).toBe(0.5);
  });

  it('measures the time to restore from drift alert to healthy', () => {
    const restore = metric('time-to-restore');
    expect(restore.value).toBe(24);
    expect(restore.band).toBe('elite');
  });

  it('is unknown without model history, naming it', () => {
    const frequency = metric(
      'change-frequency',
      organisation({ modelHistory: [] }),
    );
    expect(frequency.value).toBeNull();
    expect(frequency.band).toBeUndefined();
    expect(frequency.missing).toMatch(/starts when the plugin is installed/);
    expect(
      metric('change-failure-rate', organisation({ modelHistory: [] })).value,
    ).toBeNull();
  });

  it('is unknown without a restored alert or a production approval in the window', () => {
    expect(
      metric('time-to-restore', organisation({ driftTransitions: [] })).missing,
    ).toMatch(/no drift alert/);
    expect(
      metric('lead-time', organisation({ windowDays: 10 })).value,
    ).toBeNull();
  });

  it('takes configured bands', () => {
    const lead = metric('lead-time', organisation(), {
      bands: {
        'lead-time': { elite: 60, high: 90, medium: 120, better: 'lower' },
      },
    });
    expect(lead.band).toBe('elite');
  });
});

describe('productionChanges', () => {
  it('does not count where the history starts, but counts models first seen later', () => {
    const changes = productionChanges(
      [
        {
          modelRef: 'a',
          version: '1',
          lifecycle: 'production',
          observedAt: daysAgo(100),
        },
        {
          modelRef: 'b',
          version: '1',
          lifecycle: 'production',
          observedAt: daysAgo(50),
        },
        {
          modelRef: 'a',
          version: '1',
          lifecycle: 'deprecated',
          observedAt: daysAgo(40),
        },
        {
          modelRef: 'a',
          version: '1',
          lifecycle: 'production',
          observedAt: daysAgo(30),
        },
      ],
      daysAgo(100),
    );
    expect(changes.map(c => [c.modelRef, c.rollback])).toEqual([
      ['b', false],
      ['a', false],
    ]);
  });

  it('marks a lower version or one run before as a rollback', () => {
    const changes = productionChanges(
      [
        {
          modelRef: 'a',
          version: '2.0.0',
          lifecycle: 'production',
          observedAt: daysAgo(100),
        },
        {
          modelRef: 'a',
          version: '1.9.0',
          lifecycle: 'production',
          observedAt: daysAgo(50),
        },
        {
          modelRef: 'a',
          version: '2.1.0',
          lifecycle: 'production',
          observedAt: daysAgo(40),
        },
        {
          modelRef: 'a',
          version: '2.0.0',
          lifecycle: 'production',
          observedAt: daysAgo(30),
        },
      ],
      daysAgo(100),
    );
    expect(changes.map(c => [c.version, c.rollback])).toEqual([
      ['1.9.0', true],
      ['2.1.0', false],
      ['2.0.0', true],
    ]);
  });
});

describe('bands and versions', () => {
  it('bands lower-is-better and higher-is-better metrics', () => {
    expect(
      deliveryBand(0.05, DEFAULT_DELIVERY_BANDS['change-failure-rate']),
    ).toBe('elite');
    expect(
      deliveryBand(0.2, DEFAULT_DELIVERY_BANDS['change-failure-rate']),
    ).toBe('low');
    expect(deliveryBand(0.5, DEFAULT_DELIVERY_BANDS['change-frequency'])).toBe(
      'high',
    );
    expect(deliveryBand(0.01, DEFAULT_DELIVERY_BANDS['change-frequency'])).toBe(
      'low',
    );
  });

  it('compares versions by their numeric parts', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBeGreaterThan(0);
    expect(compareVersions('v2', '2.0')).toBe(0);
    expect(compareVersions('1.0.0-rc1', '1.0.0-rc2')).toBeLessThan(0);
  });
});
