import {
  aggregateDriftState,
  compareDriftStates,
  DRIFT_STATE_LABELS,
  DriftState,
  durationMillis,
  featureDriftState,
  monitorDriftHealth,
  driftScoreOf,
  staleAfter,
  thresholdsOf,
  worstDriftState,
} from './health';

describe('featureDriftState', () => {
  const psi = thresholdsOf({ statistic: 'psi', warning: 0.1, alert: 0.25 });

  it('reads a distance upwards: healthy under warning, warning from it, alert from the alert threshold', () => {
    expect(featureDriftState(0.05, psi)).toBe('healthy');
    expect(featureDriftState(0.1, psi)).toBe('warning');
    expect(featureDriftState(0.2, psi)).toBe('warning');
    expect(featureDriftState(0.25, psi)).toBe('alert');
    expect(featureDriftState(3, psi)).toBe('alert');
  });

  it('reads a metric with direction below downwards: recall under 0.7 alerts', () => {
    const recall = thresholdsOf({
      statistic: 'metric',
      direction: 'below',
      warning: 0.75,
      alert: 0.7,
    });
    expect(recall).toEqual({
      warning: 0.75,
      alert: 0.7,
      direction: 'below',
      on: 'value',
    });
    expect(featureDriftState(0.82, recall)).toBe('healthy');
    expect(featureDriftState(0.75, recall)).toBe('warning');
    expect(featureDriftState(0.69, recall)).toBe('alert');
  });

  it('reads a band with direction outside on both sides: a forecast bias outside ±0.05 alerts', () => {
    const bias = thresholdsOf({
      statistic: 'metric',
      direction: 'outside',
      warning: [-0.03, 0.03],
      alert: [-0.05, 0.05],
    });
    expect(bias).toEqual({
      warning: [-0.03, 0.03],
      alert: [-0.05, 0.05],
      direction: 'outside',
      on: 'value',
    });
    expect(featureDriftState(0, bias)).toBe('healthy');
    expect(featureDriftState(-0.029, bias)).toBe('healthy');
    expect(featureDriftState(0.029, bias)).toBe('healthy');
    // Below the band: at a bound is past it, as for the one-sided directions.
    expect(featureDriftState(-0.03, bias)).toBe('warning');
    expect(featureDriftState(-0.049, bias)).toBe('warning');
    expect(featureDriftState(-0.05, bias)).toBe('alert');
    expect(featureDriftState(-0.8, bias)).toBe('alert');
    // Above it.
    expect(featureDriftState(0.03, bias)).toBe('warning');
    expect(featureDriftState(0.049, bias)).toBe('warning');
    expect(featureDriftState(0.05, bias)).toBe('alert');
    expect(featureDriftState(0.8, bias)).toBe('alert');
  });

  it('is no-data without a finite score', () => {
    expect(featureDriftState(undefined, psi)).toBe('no-data');
    expect(featureDriftState(null, psi)).toBe('no-data');
    expect(featureDriftState(NaN, psi)).toBe('no-data');
  });
});

describe('thresholdsOf and driftScoreOf', () => {
  it('puts the thresholds of a p-value test with direction below on the p-value: drift when p is at or under it', () => {
    const ks = thresholdsOf({
      statistic: 'kolmogorov-smirnov',
      direction: 'below',
      warning: 0.05,
      alert: 0.01,
    });
    expect(ks.on).toBe('p-value');
    const observation = { value: 0.31, pValue: 0.003 };
    expect(driftScoreOf(ks, observation)).toBe(0.003);
    expect(featureDriftState(driftScoreOf(ks, observation), ks)).toBe('alert');
    expect(
      featureDriftState(driftScoreOf(ks, { value: 0.02, pValue: 0.4 }), ks),
    ).toBe('healthy');
  });

  it('keeps the thresholds of a KS feature on the statistic by default', () => {
    const ks = thresholdsOf({
      statistic: 'kolmogorov-smirnov',
      warning: 0.1,
      alert: 0.2,
    });
    expect(ks).toEqual({
      warning: 0.1,
      alert: 0.2,
      direction: 'above',
      on: 'value',
    });
    expect(driftScoreOf(ks, { value: 0.15, pValue: 0.001 })).toBe(0.15);
  });
});

describe('severity', () => {
  it('orders states alert, stale, warning, no-data, healthy', () => {
    const states: DriftState[] = [
      'healthy',
      'warning',
      'no-data',
      'alert',
      'stale',
    ];
    expect([...states].sort(compareDriftStates)).toEqual([
      'alert',
      'stale',
      'warning',
      'no-data',
      'healthy',
    ]);
    expect(worstDriftState(['healthy', 'warning'])).toBe('warning');
    expect(worstDriftState([])).toBe('no-data');
  });

  it('labels every state with a word', () => {
    expect(DRIFT_STATE_LABELS['no-data']).toBe('No data');
    expect(DRIFT_STATE_LABELS.stale).toBe('Stale');
  });

  it('gives a model the worst state of its monitors', () => {
    expect(aggregateDriftState(['healthy', 'stale', 'warning'])).toBe('stale');
    expect(aggregateDriftState(['healthy', 'alert', 'stale'])).toBe('alert');
    expect(aggregateDriftState([])).toBe('no-data');
  });
});

describe('durationMillis and staleAfter', () => {
  it('reads ISO 8601 durations', () => {
    expect(durationMillis('P1D')).toBe(86_400_000);
    expect(durationMillis('PT1H')).toBe(3_600_000);
    expect(durationMillis('P1W')).toBe(7 * 86_400_000);
    expect(durationMillis('P1DT12H')).toBe(1.5 * 86_400_000);
    expect(() => durationMillis('1 day')).toThrow(
      '"1 day" is not an ISO 8601 duration such as P1D or PT1H',
    );
  });

  it('turns a daily monitor stale 36 hours after its last observation', () => {
    expect(staleAfter(new Date('2026-11-01T00:00:00Z'), 'P1D')).toEqual(
      new Date('2026-11-02T12:00:00Z'),
    );
    expect(
      staleAfter(new Date('2026-11-01T00:00:00Z'), undefined),
    ).toBeUndefined();
  });
});

describe('monitorDriftHealth', () => {
  const now = new Date('2026-11-10T12:00:00Z');

  it('is the worst feature, with the share of drifted features and dataset drift', () => {
    const health = monitorDriftHealth({
      features: [
        { state: 'alert' },
        { state: 'warning' },
        { state: 'healthy' },
        { state: 'healthy' },
      ],
      lastObservationAt: new Date('2026-11-10T06:00:00Z'),
      cadence: 'P1D',
      now,
    });
    expect(health).toEqual({
      state: 'alert',
      featureCount: 4,
      driftedFeatures: 1,
      driftedShare: 0.25,
      datasetDrift: false,
      staleAfter: new Date('2026-11-11T18:00:00Z'),
    });
  });

  it('reports dataset drift when at least half the features are in alert', () => {
    const health = monitorDriftHealth({
      features: [{ state: 'alert' }, { state: 'healthy' }],
      lastObservationAt: new Date('2026-11-10T06:00:00Z'),
      now,
    });
    expect(health.datasetDrift).toBe(true);
    expect(health.driftedShare).toBe(0.5);
  });

  it('is stale when the last observation is older than the cadence times 1.5, unless a feature is in alert', () => {
    const old = new Date('2026-11-08T00:00:00Z');
    expect(
      monitorDriftHealth({
        features: [{ state: 'healthy' }, { state: 'warning' }],
        lastObservationAt: old,
        cadence: 'P1D',
        now,
      }).state,
    ).toBe('stale');
    expect(
      monitorDriftHealth({
        features: [{ state: 'alert' }],
        lastObservationAt: old,
        cadence: 'P1D',
        now,
      }).state,
    ).toBe('alert');
    expect(
      monitorDriftHealth({
        features: [{ state: 'healthy' }],
        lastObservationAt: old,
        now,
      }).state,
    ).toBe('healthy');
  });

  it('is no-data when no feature ever reported, and ignores features that did not report yet', () => {
    expect(
      monitorDriftHealth({ features: [{ state: 'no-data' }], now }).state,
    ).toBe('no-data');
    expect(
      monitorDriftHealth({
        features: [{ state: 'no-data' }, { state: 'healthy' }],
        lastObservationAt: new Date('2026-11-10T06:00:00Z'),
        now,
      }),
    ).toMatchObject({ state: 'healthy', featureCount: 2, driftedShare: 0 });
  });
});
