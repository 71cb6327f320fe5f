import type { EntityFacts } from '../checks/types';
import { VALUE_FACT_ID } from '../maturity/factIds';
import { KPI_STATUSES, KpiStatus } from './status';

/**
 * Where a use case's KPIs stand, as the backend keeps it under
 * {@link VALUE_FACT_ID} for the checks of the maturity rubric.
 * @public
 */
export type ValueFact = {
  kpis: Array<{
    id: string;
    kpi: string;
    status: KpiStatus;
    /** The last day of the latest period with an actual in force. */
    latestPeriodEnd?: string;
  }>;
};

/**
 * Reads the value fact of a use case; `undefined` when the backend holds
 * none or it is malformed.
 * @public
 */
export function valueFact(facts: EntityFacts): ValueFact | undefined {
  const fact = facts[VALUE_FACT_ID] as unknown;
  if (!fact || typeof fact !== 'object') return undefined;
  const kpis = (fact as Partial<ValueFact>).kpis;
  if (
    !Array.isArray(kpis) ||
    !kpis.every(
      k =>
        k &&
        typeof k.id === 'string' &&
        typeof k.kpi === 'string' &&
        KPI_STATUSES.includes(k.status),
    )
  ) {
    return undefined;
  }
  return { kpis };
}
