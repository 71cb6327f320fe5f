import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  durationMillis,
  thresholdsOf,
  type DriftObservationBatch,
  type DriftObservationInput,
  type MLMonitorEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import { finiteSample, type PrometheusClient } from './PrometheusClient';
import { alignDown, planWindows } from './range';

/** Observations per batch, well under the drift API's default limit of 10,000. */
export const OBSERVATIONS_PER_BATCH = 1000;
const HOUR_SECONDS = 3600;

export type PullContext = {
  clients: ReadonlyMap<string, PrometheusClient>;
  logger: LoggerService;
  lookbackMs: number;
  now: Date;
};

/**
 * The step of a monitor's pull in seconds: the binding's `step`, else the
 * monitor's cadence, at most an hour.
 */
export function monitorStepSeconds(monitor: MLMonitorEntityV1alpha1): number {
  const binding = monitor.spec.source?.prometheus;
  if (binding?.step) return Math.max(1, durationMillis(binding.step) / 1000);
  const cadence = monitor.spec.cadence
    ? durationMillis(monitor.spec.cadence) / 1000
    : HOUR_SECONDS;
  return Math.max(1, Math.min(cadence, HOUR_SECONDS));
}

/**
 * The window a pull covers, on the step's grid: after the last pull's grid
 * point (or `lookback` before now on the first pull) up to the last grid
 * point before now.
 */
export function pullWindow(
  since: Date | undefined,
  context: Pick<PullContext, 'lookbackMs' | 'now'>,
  step: number,
): { start: number; end: number } {
  const end = alignDown(context.now.getTime() / 1000, step);
  const start = since
    ? alignDown(since.getTime() / 1000, step) + step
    : alignDown((context.now.getTime() - context.lookbackMs) / 1000, step);
  return { start, end };
}

/** Pulls every bound feature of every monitor bound to Prometheus. */
export async function pullDriftObservations(
  monitors: readonly MLMonitorEntityV1alpha1[],
  since: Date | undefined,
  context: PullContext,
): Promise<DriftObservationBatch[]> {
  const batches: DriftObservationBatch[] = [];
  for (const monitor of monitors) {
    const binding = monitor.spec.source?.prometheus;
    if (!binding) continue;
    const monitorRef = stringifyEntityRef(monitor);
    const client = context.clients.get(binding.instance);
    if (!client) {
      context.logger.warn(
        `Prometheus: ${monitorRef} names instance "${
          binding.instance
        }", which is not configured under mlops.prometheus.instances (${
          [...context.clients.keys()].join(', ') || 'none'
        })`,
      );
      continue;
    }
    const step = monitorStepSeconds(monitor);
    const { start, end } = pullWindow(since, context, step);
    if (start > end) continue;
    const observations: DriftObservationInput[] = [];
    for (const featureBinding of binding.features) {
      const feature = monitor.spec.features.find(
        f => f.name === featureBinding.name,
      );
      if (!feature) continue; // rejected by the catalog's validation
      const on = featureBinding.on ?? thresholdsOf(feature).on;
      const where = `${monitorRef} feature ${feature.name} (instance "${binding.instance}")`;
      let skipped = 0;
      try {
        for (const window of planWindows(start, end, step)) {
          const series = await client.queryRange(featureBinding.query, window);
          if (series.length > 1) {
            context.logger.warn(
              `Prometheus: the query of ${where} returned ${
                series.length
              } series (${series
                .slice(0, 3)
                .map(s => JSON.stringify(s.metric))
                .join(
                  ', ',
                )}); it must return one, aggregate it (max, avg) or select one; nothing imported`,
            );
            break;
          }
          for (const [seconds, text] of series[0]?.values ?? []) {
            const value = finiteSample(text);
            if (value === undefined) {
              skipped++;
              continue;
            }
            observations.push({
              feature: feature.name,
              observedAt: new Date(seconds * 1000).toISOString(),
              ...(on === 'p-value' ? { pValue: value } : { value }),
            });
          }
        }
      } catch (error) {
        context.logger.error(
          `Prometheus: pulling ${where} failed: ${(error as Error).message}`,
        );
      }
      if (skipped) {
        context.logger.warn(
          `Prometheus: skipped ${skipped} NaN or infinite samples of ${where}`,
        );
      }
    }
    const windowKey = `${new Date(start * 1000).toISOString()}/${new Date(
      end * 1000,
    ).toISOString()}`;
    for (let i = 0; i * OBSERVATIONS_PER_BATCH < observations.length; i++) {
      batches.push({
        monitor: monitorRef,
        idempotencyKey: `prometheus:${monitorRef}:${windowKey}:${i}`,
        observations: observations.slice(
          i * OBSERVATIONS_PER_BATCH,
          (i + 1) * OBSERVATIONS_PER_BATCH,
        ),
      });
    }
    context.logger.info(
      `Prometheus: pulled ${observations.length} observations of ${monitorRef} for ${windowKey}`,
    );
  }
  return batches;
}
