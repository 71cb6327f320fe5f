import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  kpiIdOf,
  periodFor,
  type KpiActualsBatch,
  type KpiPeriod,
  type MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { PullContext } from './driftSource';
import { finiteSample } from './PrometheusClient';
import { planWindows } from './range';

const DAY_MS = 86_400_000;
/** KPI queries are evaluated hourly; a period's actual is its last sample. */
export const KPI_STEP_SECONDS = 3600;

/** The first instant after a period, in milliseconds. */
const periodEndMs = (period: KpiPeriod) =>
  Date.parse(`${period.end}T00:00:00Z`) + DAY_MS;

/**
 * The periods of a cadence that ended after `fromMs` and by `toMs`: those a
 * pull over that span completes.
 */
export function completedPeriods(
  cadence: string,
  fromMs: number,
  toMs: number,
): KpiPeriod[] {
  const periods: KpiPeriod[] = [];
  let period = periodFor(cadence, new Date(fromMs));
  while (periodEndMs(period) <= toMs) {
    if (periodEndMs(period) > fromMs) periods.push(period);
    period = periodFor(cadence, new Date(periodEndMs(period)));
  }
  return periods;
}

/**
 * Pulls the actuals of the periods completed since the last pull for every
 * business driver bound to Prometheus: the last finite sample of the
 * query in each period, one batch per KPI and period so that a re-pull of
 * the same period stores nothing twice.
 */
export async function pullKpiActuals(
  useCases: readonly MLUseCaseEntityV1alpha1[],
  since: Date | undefined,
  context: PullContext,
): Promise<KpiActualsBatch[]> {
  const batches: KpiActualsBatch[] = [];
  const fromMs = since?.getTime() ?? context.now.getTime() - context.lookbackMs;
  for (const useCase of useCases) {
    const useCaseRef = stringifyEntityRef(useCase);
    for (const driver of useCase.spec.businessDrivers ?? []) {
      const binding = driver.prometheus;
      if (!binding) continue;
      const kpi = kpiIdOf(driver);
      const where = `${useCaseRef} KPI ${kpi} (instance "${binding.instance}")`;
      const client = context.clients.get(binding.instance);
      if (!client) {
        context.logger.warn(
          `Prometheus: ${where} names an instance that is not configured under mlops.prometheus.instances`,
        );
        continue;
      }
      const cadence = driver.cadence ?? 'P1M';
      const periods = completedPeriods(cadence, fromMs, context.now.getTime());
      if (!periods.length) continue;
      // An hourly grid from the first period's start to the last period's
      // last hour: the last sample of a period is its value at its end.
      const start = Date.parse(`${periods[0].start}T00:00:00Z`) / 1000;
      const end =
        periodEndMs(periods[periods.length - 1]) / 1000 - KPI_STEP_SECONDS;
      const last = new Map<string, number>();
      let skipped = 0;
      try {
        for (const window of planWindows(start, end, KPI_STEP_SECONDS)) {
          const series = await client.queryRange(binding.query, window);
          if (series.length > 1) {
            throw new Error(
              `the query returned ${series.length} series; it must return one, aggregate it (sum, max) or select one`,
            );
          }
          for (const [seconds, text] of series[0]?.values ?? []) {
            const value = finiteSample(text);
            if (value === undefined) skipped++;
            else
              last.set(
                periodFor(cadence, new Date(seconds * 1000)).start,
                value,
              );
          }
        }
      } catch (error) {
        context.logger.error(
          `Prometheus: pulling ${where} failed: ${(error as Error).message}`,
        );
        continue;
      }
      if (skipped) {
        context.logger.warn(
          `Prometheus: skipped ${skipped} NaN or infinite samples of ${where}`,
        );
      }
      for (const period of periods) {
        const value = last.get(period.start);
        if (value === undefined) continue;
        batches.push({
          useCase: useCaseRef,
          idempotencyKey: `prometheus:${useCaseRef}:${kpi}:${period.start}`,
          actuals: [
            { kpi, periodStart: period.start, periodEnd: period.end, value },
          ],
        });
      }
      context.logger.info(
        `Prometheus: pulled ${last.size} actuals of ${where} for ${periods.length} completed periods`,
      );
    }
  }
  return batches;
}
