import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  kpiIdOf,
  periodFor,
  type KpiPeriod,
  type MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { KpiSourceBindingPull } from '@mlightenment/backstage-plugin-mlops-node';
import { notConfigured, type PullContext } from './driftSource';
import { finiteSamples, type RangeSeries } from './matrix';
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

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Pulls, for every business driver bound to Prometheus, the actuals of the
 * periods completed since its binding was last pulled through (its first
 * pull reaches back `lookback`): the last finite sample of the query in
 * each period, one batch per KPI and period so that a re-pull of the same
 * period stores nothing twice. A binding that fails keeps its periods for
 * the next pull.
 */
export async function pullKpiActuals(
  useCases: readonly MLUseCaseEntityV1alpha1[],
  pulledThrough: (useCase: string, binding: string) => Date | undefined,
  context: PullContext,
): Promise<KpiSourceBindingPull[]> {
  const pulls: KpiSourceBindingPull[] = [];
  for (const useCase of useCases) {
    const useCaseRef = stringifyEntityRef(useCase);
    for (const driver of useCase.spec.businessDrivers ?? []) {
      const binding = driver.prometheus;
      if (!binding) continue;
      const kpi = kpiIdOf(driver);
      const where = `${useCaseRef} KPI ${kpi} (instance "${binding.instance}")`;
      const pull: KpiSourceBindingPull = {
        useCase: useCaseRef,
        binding: kpi,
        description: `instance "${binding.instance}": ${binding.query}`,
        batches: [],
        skipped: 0,
      };
      pulls.push(pull);
      const client = context.clients.get(binding.instance);
      if (!client) {
        pull.error = notConfigured(binding.instance, context);
        context.logger.warn(`Prometheus: ${where}: ${pull.error}`);
        continue;
      }
      const cadence = driver.cadence ?? 'P1M';
      const fromMs =
        pulledThrough(useCaseRef, kpi)?.getTime() ??
        context.now.getTime() - context.lookbackMs;
      const periods = completedPeriods(cadence, fromMs, context.now.getTime());
      if (!periods.length) continue; // nothing due yet
      const firstMs = Date.parse(`${periods[0].start}T00:00:00Z`);
      const lastMs = periodEndMs(periods[periods.length - 1]);
      pull.span = { from: iso(firstMs), to: iso(lastMs) };
      // An hourly grid from the first period's start to the last period's
      // last hour: the last sample of a period is its value at its end.
      const parts: RangeSeries[] = [];
      try {
        for (const window of planWindows(
          firstMs / 1000,
          lastMs / 1000 - KPI_STEP_SECONDS,
          KPI_STEP_SECONDS,
        )) {
          const series = await client.queryRange(binding.query, window);
          if (series.length > 1) {
            throw new Error(
              `the query returned ${series.length} series; it must return one, aggregate it (sum, max) or select one`,
            );
          }
          if (series.length) parts.push(series[0]);
        }
      } catch (error) {
        pull.error = (error as Error).message;
        context.logger.error(
          `Prometheus: pulling ${where} failed: ${pull.error}`,
        );
        continue;
      }
      const { at, values, skipped } = finiteSamples(parts);
      pull.skipped = skipped;
      const last = new Map<string, number>();
      for (let i = 0; i < at.length; i++) {
        last.set(periodFor(cadence, new Date(at[i])).start, values[i]);
      }
      if (pull.skipped) {
        context.logger.warn(
          `Prometheus: skipped ${pull.skipped} NaN or infinite samples of ${where}`,
        );
      }
      for (const period of periods) {
        const value = last.get(period.start);
        if (value === undefined) continue;
        pull.batches.push({
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
  return pulls;
}
