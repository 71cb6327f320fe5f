import { VALUE_FACT_ID } from '../../maturity/factIds';
import { contextOf, model, useCase } from '../../__testUtils__/entities';
import type { ValueFact } from '../../value/fact';
import { useCaseValueOnTrack } from './useCaseValueOnTrack';
import { useCaseValueReported } from './useCaseValueReported';

const kpi = (id: string, status: ValueFact['kpis'][number]['status']) => ({
  id,
  kpi: id.replace(/-/g, ' '),
  status,
});

const run = (
  check: typeof useCaseValueReported,
  fact?: ValueFact,
  lifecycle = 'production',
) =>
  check.evaluate(
    contextOf(useCase({ lifecycle }), [], {
      facts: fact ? { [VALUE_FACT_ID]: fact as any } : {},
    }),
  );

describe('use-case.value-reported', () => {
  it('passes a production use case whose KPIs all have a current actual', () => {
    expect(
      run(useCaseValueReported, {
        kpis: [kpi('churn-rate', 'off-track'), kpi('revenue', 'on-track')],
      }),
    ).toEqual({
      outcome: 'passed',
      reason: 'Actuals within their cadence for churn rate and revenue.',
    });
  });

  it('fails one with a KPI never reported or overdue, naming them', () => {
    expect(
      run(useCaseValueReported, {
        kpis: [
          kpi('churn-rate', 'overdue'),
          kpi('revenue', 'no-data'),
          kpi('nps', 'on-track'),
        ],
      }),
    ).toEqual({
      outcome: 'failed',
      reason: 'No actual for revenue; Check-in overdue for churn rate.',
    });
  });

  it('does not apply before production, and is not reported without KPIs', () => {
    expect(run(useCaseValueReported, undefined, 'experimental').outcome).toBe(
      'not-applicable',
    );
    expect(run(useCaseValueReported).outcome).toBe('not-reported');
    expect(run(useCaseValueReported, { kpis: [] }).outcome).toBe(
      'not-reported',
    );
  });

  it('does not apply to a model', () => {
    expect(useCaseValueReported.evaluate(contextOf(model())).outcome).toBe(
      'not-applicable',
    );
  });
});

describe('use-case.value-on-track', () => {
  it('fails when a reported KPI is off track, warns when one is at risk', () => {
    expect(
      run(useCaseValueOnTrack, {
        kpis: [kpi('churn-rate', 'off-track'), kpi('revenue', 'at-risk')],
      }),
    ).toEqual({
      outcome: 'failed',
      reason: 'Off track (worse than the baseline): churn rate.',
    });
    expect(
      run(useCaseValueOnTrack, {
        kpis: [kpi('churn-rate', 'on-track'), kpi('revenue', 'at-risk')],
      }),
    ).toEqual({ outcome: 'warning', reason: 'At risk: revenue.' });
  });

  it('judges only KPIs with a current actual', () => {
    expect(
      run(useCaseValueOnTrack, {
        kpis: [kpi('churn-rate', 'on-track'), kpi('revenue', 'overdue')],
      }),
    ).toEqual({ outcome: 'passed', reason: 'On track: churn rate.' });
    expect(
      run(useCaseValueOnTrack, { kpis: [kpi('revenue', 'no-data')] }).outcome,
    ).toBe('not-reported');
  });

  it('ignores a malformed fact', () => {
    expect(
      useCaseValueOnTrack.evaluate(
        contextOf(useCase(), [], {
          facts: { [VALUE_FACT_ID]: { kpis: [{ id: 1 }] } as any },
        }),
      ).outcome,
    ).toBe('not-reported');
  });
});
