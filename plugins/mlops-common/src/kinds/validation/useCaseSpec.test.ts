import { useCase, broken } from './__testUtils__/validEntities';
import { validateMlopsEntity } from './validateMlopsEntity';

describe('business drivers', () => {
  const driver = (fields: object) =>
    broken(useCase, u => {
      u.spec.businessDrivers = [
        { driver: 'Keep subscribers', kpi: 'Monthly churn', ...fields },
      ];
    });

  it('accepts the value-tracking fields', () => {
    const entity = driver({
      id: 'monthly-churn',
      baseline: 2.8,
      target: 2.2,
      unit: '%',
      direction: 'decrease',
      cadence: 'P3M',
      method: 'controlled-lift',
      referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
    });
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('rejects two KPIs with the same id, derived or written', () => {
    const entity = broken(useCase, u => {
      u.spec.businessDrivers.push(
        { driver: 'Keep more', kpi: 'Monthly  churn!', direction: 'decrease' },
        {
          driver: 'Spend well',
          kpi: 'Cost per save',
          id: 'monthly-churn',
          direction: 'decrease',
        },
      );
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[1].id',
        message:
          'repeats "monthly-churn" (derived from the kpi), the id of spec.businessDrivers[0]; each KPI needs its own id, the key of its history',
      },
      {
        path: 'spec.businessDrivers[2].id',
        message:
          'repeats "monthly-churn", the id of spec.businessDrivers[0]; each KPI needs its own id, the key of its history',
      },
    ]);
  });

  it('asks for an id when the KPI name gives none', () => {
    const entity = driver({ kpi: '€/%', direction: 'increase' });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].id',
        message:
          'is required: the kpi "€/%" has no letter a-z or digit to derive it from; write an id of lower-case letters, digits and "-"',
      },
    ]);
  });

  it('rejects an id that is not lower-case letters, digits and "-"', () => {
    const entity = driver({ id: 'Monthly_Churn', baseline: 3, target: 2 });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].id',
        message:
          'must match the pattern ^[a-z0-9][a-z0-9-]*$, got "Monthly_Churn"',
      },
    ]);
  });

  it('rejects a direction that contradicts baseline and target', () => {
    const entity = driver({
      baseline: 2.8,
      target: 2.2,
      unit: '%',
      direction: 'increase',
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].direction',
        message:
          'is "increase", but the target 2.2 % is below the baseline 2.8 %, which means "decrease"; correct the direction or the numbers',
      },
    ]);
  });

  it('requires a direction when baseline and target do not imply one', () => {
    expect(validateMlopsEntity(driver({ target: 2.2 }))).toEqual([
      {
        path: 'spec.businessDrivers[0].direction',
        message:
          'is required without both a baseline and a target: write "increase" if a higher Monthly churn is better, "decrease" if a lower one is',
      },
    ]);
    expect(validateMlopsEntity(driver({ baseline: 2, target: 2 }))[0]).toEqual({
      path: 'spec.businessDrivers[0].direction',
      message: expect.stringMatching(
        /^is required when the target equals the baseline/,
      ),
    });
    expect(
      validateMlopsEntity(
        driver({ baseline: 2, target: 2, direction: 'decrease' }),
      ),
    ).toEqual([]);
  });

  it('rejects a cadence that is zero, mixes months with days or has hours', () => {
    expect(
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].cadence = 'P0M';
        }),
      ),
    ).toEqual([
      {
        path: 'spec.businessDrivers[0].cadence',
        message: 'must be longer than zero, got "P0M"',
      },
    ]);
    expect(
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].cadence = 'P1M15D';
        }),
      )[0].message,
    ).toMatch(/^mixes months or years with weeks or days/);
    expect(
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].cadence = 'PT6H';
        }),
      ),
    ).toEqual([
      {
        path: 'spec.businessDrivers[0].cadence',
        message:
          'must match an ISO 8601 duration in days, weeks, months or years such as P1M or P1W, got "PT6H"',
      },
    ]);
  });

  it('rejects an unknown method', () => {
    const entity = broken(useCase, u => {
      u.spec.businessDrivers[0].method = 'a-b-test';
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].method',
        message:
          'must be one of "before-after", "controlled-lift", got "a-b-test"',
      },
    ]);
  });

  it('rejects a reference period that ends before it starts or is not a date', () => {
    const period = (start: string, end: string) =>
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].referencePeriod = { start, end };
        }),
      );
    expect(period('2024-12-31', '2024-01-01')).toEqual([
      {
        path: 'spec.businessDrivers[0].referencePeriod.end',
        message: 'must be after the start 2024-12-31, got 2024-01-01',
      },
    ]);
    expect(period('2024-02-30', '2024-12-31')).toEqual([
      {
        path: 'spec.businessDrivers[0].referencePeriod.start',
        message: 'is not a day of the calendar, got "2024-02-30"',
      },
    ]);
    expect(period('January 2024', '2024-12-31')).toEqual([
      {
        path: 'spec.businessDrivers[0].referencePeriod.start',
        message: 'must match a date such as 2025-01-31, got "January 2024"',
      },
    ]);
  });
});
