import { useCase } from '../__testUtils__/entities';
import type { BusinessDriver } from '../kinds/types';
import {
  definitionVersionKey,
  kpiDefinitionsOf,
  kpiProgress,
  KpiDefinition,
} from './definitions';

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

describe('kpiDefinitionsOf', () => {
  it('applies the defaults: derived id and direction, monthly, before-after', () => {
    expect(kpiDefinitionsOf(useCase())[0]).toEqual({
      id: 'monthly-churn-rate',
      driver: 'Keep subscribers',
      kpi: 'Monthly churn rate',
      unit: '%',
      baseline: 2.8,
      target: 2.2,
      direction: 'decrease',
      cadence: 'P1M',
      method: 'before-after',
    });
  });

  it('keeps what the driver declares', () => {
    const driver: BusinessDriver = {
      driver: 'Customers feel known',
      kpi: 'Relationship NPS (survey)',
      id: 'relationship-nps',
      target: 20,
      direction: 'increase',
      cadence: 'P3M',
      method: 'controlled-lift',
      referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
    };
    expect(kpiDefinitionsOf(useCase({ businessDrivers: [driver] }))).toEqual([
      {
        id: 'relationship-nps',
        driver: 'Customers feel known',
        kpi: 'Relationship NPS (survey)',
        target: 20,
        direction: 'increase',
        cadence: 'P3M',
        method: 'controlled-lift',
        referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
      },
    ]);
  });

  it('leaves out a driver it cannot define rather than guess, and keeps the others', () => {
    // As the catalog may still serve an entity stored before a stricter
    // validator: it is built here without validation.
    const stored = {
      ...useCase(),
      spec: {
        ...useCase().spec,
        businessDrivers: [
          { driver: 'Spend well', kpi: 'Cost per save' },
          { driver: 'Keep subscribers', kpi: 'Churn', baseline: 3, target: 2 },
          { driver: 'Again', kpi: 'churn', baseline: 3, target: 2 },
        ],
      },
    };
    expect(kpiDefinitionsOf(stored).map(d => d.id)).toEqual(['churn']);
  });
});

describe('definitionVersionKey', () => {
  const key = definitionVersionKey(churn);

  it('stays the same when only names, cadence or reference period change', () => {
    const renamed: KpiDefinition = {
      ...churn,
      kpi: 'Churn rate (postpaid)',
      driver: 'Keep more subscribers',
      cadence: 'P1W',
      referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
    };
    expect(definitionVersionKey(renamed)).toBe(key);
  });

  it.each([
    ['baseline', { baseline: 2.9 }],
    ['target', { target: 2.0 }],
    ['unit', { unit: 'pp' }],
    ['method', { method: 'controlled-lift' as const }],
    ['direction', { direction: 'increase' as const }],
    ['a target removed', { target: undefined }],
  ])('changes with %s', (_, change) => {
    expect(definitionVersionKey({ ...churn, ...change })).not.toBe(key);
  });

  it('is the same for a direction written out as for the derived one', () => {
    const [derived] = kpiDefinitionsOf(useCase());
    const [written] = kpiDefinitionsOf(
      useCase({
        businessDrivers: [
          {
            driver: 'Keep subscribers',
            kpi: 'Monthly churn rate',
            baseline: 2.8,
            target: 2.2,
            unit: '%',
            direction: 'decrease',
          },
        ],
      }),
    );
    expect(definitionVersionKey(written)).toBe(definitionVersionKey(derived));
  });
});

describe('kpiProgress', () => {
  it('measures a decreasing KPI from baseline to target', () => {
    expect(kpiProgress(churn, 2.8)).toBe(0);
    expect(kpiProgress(churn, 2.5)).toBeCloseTo(0.5);
    expect(kpiProgress(churn, 2.2)).toBeCloseTo(1);
    expect(kpiProgress(churn, 2.0)).toBeCloseTo(4 / 3);
    expect(kpiProgress(churn, 3.1)).toBeCloseTo(-0.5);
  });

  it('measures an increasing KPI from baseline to target', () => {
    expect(kpiProgress(retention, 80)).toBe(0);
    expect(kpiProgress(retention, 85)).toBe(0.5);
    expect(kpiProgress(retention, 95)).toBe(1.5);
    expect(kpiProgress(retention, 75)).toBe(-0.5);
  });

  it('reads a controlled lift as a share of the committed improvement', () => {
    const lift = { ...churn, method: 'controlled-lift' as const };
    // The test group churned 0.3 points less than the control group: half
    // of the 0.6 points committed.
    expect(kpiProgress(lift, -0.3)).toBeCloseTo(0.5);
    expect(kpiProgress(lift, 0.3)).toBeCloseTo(-0.5);
  });

  it('is 1 at or beyond a target that equals the baseline, else the shortfall relative to it', () => {
    const hold = { ...retention, baseline: 20, target: 20 };
    expect(kpiProgress(hold, 20)).toBe(1);
    expect(kpiProgress(hold, 23)).toBe(1);
    expect(kpiProgress(hold, 18)).toBeCloseTo(-0.1);
    const holdLow = { ...churn, baseline: 2, target: 2 };
    expect(kpiProgress(holdLow, 1.5)).toBe(1);
    expect(kpiProgress(holdLow, 2.5)).toBeCloseTo(-0.25);
    const zero = { ...churn, baseline: 0, target: 0 };
    expect(kpiProgress(zero, 3)).toBe(-3);
  });

  it('is undefined without a baseline or a target', () => {
    expect(kpiProgress({ ...churn, baseline: undefined }, 2.5)).toBeUndefined();
    expect(kpiProgress({ ...churn, target: undefined }, 2.5)).toBeUndefined();
  });
});
