import type { BusinessDriver, KpiDirection, KpiMethod } from './types';

/** The check-in cadence of a KPI that declares none: monthly. @public */
export const DEFAULT_KPI_CADENCE = 'P1M';

/** The measurement method of a KPI that declares none. @public */
export const DEFAULT_KPI_METHOD: KpiMethod = 'before-after';

/** The longest KPI id, as for an entity name. @public */
export const KPI_ID_MAX_LENGTH = 63;

/**
 * The id of a KPI that declares none, derived from its name: lower-case,
 * accents dropped, every run of other characters than `a-z` and `0-9`
 * turned into one `-`, trimmed of `-` and cut to 63 characters.
 * `Monthly churn rate (postpaid)` gives `monthly-churn-rate-postpaid`.
 * Empty when the name has no such character at all; the validator then asks
 * for an explicit `id`.
 * @public
 */
export function defaultKpiId(kpi: string): string {
  return kpi
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, KPI_ID_MAX_LENGTH)
    .replace(/-+$/, '');
}

/** A driver's KPI id: its `id`, or the one derived from its name. @public */
export function kpiIdOf(driver: Pick<BusinessDriver, 'id' | 'kpi'>): string {
  return driver.id ?? defaultKpiId(driver.kpi);
}

/**
 * The direction baseline and target imply: `increase` when the target is
 * above the baseline, `decrease` when below; `undefined` when either is
 * missing or they are equal.
 * @public
 */
export function impliedKpiDirection(
  driver: Pick<BusinessDriver, 'baseline' | 'target'>,
): KpiDirection | undefined {
  const { baseline, target } = driver;
  if (baseline === undefined || target === undefined || baseline === target) {
    return undefined;
  }
  return target > baseline ? 'increase' : 'decrease';
}

/**
 * Which way a driver's KPI is better: the one baseline and target imply,
 * else the declared `direction`; `undefined` when neither says.
 * @public
 */
export function kpiDirectionOf(
  driver: Pick<BusinessDriver, 'baseline' | 'target' | 'direction'>,
): KpiDirection | undefined {
  return impliedKpiDirection(driver) ?? driver.direction;
}
