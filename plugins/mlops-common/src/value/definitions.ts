import {
  DEFAULT_KPI_CADENCE,
  DEFAULT_KPI_METHOD,
  kpiDirectionOf,
  kpiIdOf,
} from '../kinds/businessDrivers';
import type {
  KpiDirection,
  KpiMethod,
  MLUseCaseEntityV1alpha1,
} from '../kinds/types';
import { checkCadence } from './periods';

/**
 * A KPI of a use case as value tracking reads it: a business driver of
 * `spec.businessDrivers` with its defaults applied.
 * @public
 */
export type KpiDefinition = {
  /** The key of the KPI's history: `id`, or derived from `kpi`. */
  id: string;
  driver: string;
  kpi: string;
  unit?: string;
  baseline?: number;
  target?: number;
  direction: KpiDirection;
  /** ISO 8601 duration; `P1M` when the driver declares none. */
  cadence: string;
  /** `before-after` when the driver declares none. */
  method: KpiMethod;
  referencePeriod?: { start: string; end: string };
};

/**
 * The KPIs of a use case, one per business driver, with the defaults
 * applied: the id derived from the KPI name, the direction from baseline and
 * target, cadence `P1M`, method `before-after`.
 *
 * A driver the validator rejects — no direction to be had, an unusable
 * cadence, or an id an earlier driver already has — is left out rather than
 * guessed at, so that the others can still be tracked (the catalog may keep
 * serving an entity stored before its YAML turned invalid).
 * @public
 */
export function kpiDefinitionsOf(
  useCase: MLUseCaseEntityV1alpha1,
): KpiDefinition[] {
  const seen = new Set<string>();
  return (useCase.spec.businessDrivers ?? []).flatMap(driver => {
    const id = kpiIdOf(driver);
    const direction = kpiDirectionOf(driver);
    const cadence = driver.cadence ?? DEFAULT_KPI_CADENCE;
    if (!id || seen.has(id) || !direction || checkCadence(cadence)) return [];
    seen.add(id);
    const definition: KpiDefinition = {
      id,
      driver: driver.driver,
      kpi: driver.kpi,
      direction,
      cadence,
      method: driver.method ?? DEFAULT_KPI_METHOD,
    };
    if (driver.unit !== undefined) definition.unit = driver.unit;
    if (driver.baseline !== undefined) definition.baseline = driver.baseline;
    if (driver.target !== undefined) definition.target = driver.target;
    if (driver.referencePeriod) {
      definition.referencePeriod = { ...driver.referencePeriod };
    }
    return [definition];
  });
}

/**
 * A stable key over the fields of a KPI definition that change what its
 * numbers mean — baseline, target, unit, method and direction — so that a
 * store can tell when the YAML introduced a new version of the definition.
 * Renaming the KPI or the driver, or changing its cadence or reference
 * period, keeps the key.
 * @public
 */
export function definitionVersionKey(
  definition: Pick<
    KpiDefinition,
    'baseline' | 'target' | 'unit' | 'method' | 'direction'
  >,
): string {
  return `v1:${JSON.stringify([
    definition.baseline ?? null,
    definition.target ?? null,
    definition.unit ?? null,
    definition.method,
    definition.direction,
  ])}`;
}

/**
 * How far an actual value has come from the baseline towards the target, as
 * a share of the way: 0 at the baseline, 1 at the target, negative when it
 * moved the wrong way, above 1 when it beat the target. Both directions read
 * alike: churn 2.8 → 2.2 at 2.5 and retention 80 → 90 at 85 are both 0.5.
 *
 * With method `controlled-lift` the value is the lift measured against a
 * control group, so the share is `value / (target - baseline)`: the part of
 * the committed improvement the test attributes to the use case. With
 * `before-after` it is `(value - baseline) / (target - baseline)`.
 *
 * When the target equals the baseline (hold the line), the value is 1 when
 * the actual is at or beyond the target in the KPI's direction, and
 * otherwise the shortfall relative to the target, signed negative
 * (`-(|target - actual|) / |target|`; the shortfall itself when the target
 * is 0), so that any slip reads as having moved the wrong way.
 *
 * `undefined` when the baseline or the target is missing.
 * @public
 */
export function kpiProgress(
  definition: Pick<
    KpiDefinition,
    'baseline' | 'target' | 'direction' | 'method'
  >,
  value: number,
): number | undefined {
  const { baseline, target, direction, method } = definition;
  if (baseline === undefined || target === undefined) return undefined;
  const achieved = method === 'controlled-lift' ? value : value - baseline;
  const committed = target - baseline;
  // `+ 0` turns the -0 of no change on a decreasing KPI into 0.
  if (committed !== 0) return achieved / committed + 0;
  const better = direction === 'increase' ? achieved : -achieved;
  if (better >= 0) return 1;
  return target === 0 ? better : better / Math.abs(target);
}
