import type { EntityFacts } from '../checks/types';
import { DRIFT_HEALTH_FACT_ID } from '../maturity/factIds';
import { DRIFT_STATES, DriftState } from './health';

/**
 * The drift health the backend keeps as a fact of a monitor or a model
 * (under {@link DRIFT_HEALTH_FACT_ID}), for checks of the maturity rubric.
 * @public
 */
export interface DriftHealthFact {
  /** The entity's drift state (a model: the worst of its monitors). */
  state: DriftState;
  /** Monitors evaluated (1 for a monitor). */
  monitors: number;
  /** Of those, the ones whose data is fresh: neither stale nor without data. */
  fresh: number;
  /** Monitors in alert. */
  inAlert: number;
  /** The latest observation of any of them (ISO 8601). */
  lastObservationAt?: string;
  /** Since when the entity has been in its state (ISO 8601). */
  since?: string;
}

/**
 * Reads the drift-health fact of an entity; `undefined` when the backend
 * holds none (no monitor ever evaluated) or it is malformed.
 * @public
 */
export function driftHealthFact(
  facts: EntityFacts,
): DriftHealthFact | undefined {
  const fact = facts[DRIFT_HEALTH_FACT_ID] as unknown;
  if (!fact || typeof fact !== 'object') return undefined;
  const value = fact as Partial<DriftHealthFact>;
  if (
    !DRIFT_STATES.includes(value.state as DriftState) ||
    typeof value.monitors !== 'number' ||
    typeof value.fresh !== 'number' ||
    typeof value.inAlert !== 'number'
  ) {
    return undefined;
  }
  return value as DriftHealthFact;
}
