import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  durationMillis,
  thresholdsOf,
  type MLMonitorEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  DriftSourceBindingPull,
  DriftSourceSeriesBatch,
} from '@mlightenment/backstage-plugin-mlops-node';
import {
  EMPTY_SERIES,
  finiteSamples,
  type FiniteSamples,
  type RangeSeries,
} from './matrix';
import type { PrometheusClient } from './PrometheusClient';
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

/** A binding's error when it names an instance the configuration lacks. */
export function notConfigured(instance: string, context: PullContext): string {
  return `instance "${instance}" is not configured under mlops.prometheus.instances (${
    [...context.clients.keys()].join(', ') || 'none'
  })`;
}

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
 * The window a binding's pull covers, on the step's grid: after the grid
 * point it was pulled through (or `lookback` before now before its first
 * success) up to the last grid point before now.
 */
export function pullWindow(
  pulledThrough: Date | undefined,
  context: Pick<PullContext, 'lookbackMs' | 'now'>,
  step: number,
): { start: number; end: number } {
  const end = alignDown(context.now.getTime() / 1000, step);
  const start = pulledThrough
    ? alignDown(pulledThrough.getTime() / 1000, step) + step
    : alignDown((context.now.getTime() - context.lookbackMs) / 1000, step);
  return { start, end };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Pulls one feature's query over its window: its samples, or the reason
 * there are none (Prometheus' error verbatim, more than one series).
 */
async function pullFeature(
  client: PrometheusClient,
  query: string,
  window: { start: number; end: number; step: number },
): Promise<FiniteSamples & { error?: string }> {
  const parts: RangeSeries[] = [];
  try {
    for (const part of planWindows(window.start, window.end, window.step)) {
      const series = await client.queryRange(query, part);
      if (series.length > 1) {
        return {
          ...EMPTY_SERIES,
          skipped: 0,
          error: `the query returned ${series.length} series (${series
            .slice(0, 3)
            .map(s => JSON.stringify(s.metric))
            .join(
              ', ',
            )}); it must return one, aggregate it (max, avg) or select one`,
        };
      }
      if (series.length) parts.push(series[0]);
    }
  } catch (error) {
    return { ...EMPTY_SERIES, skipped: 0, error: (error as Error).message };
  }
  return finiteSamples(parts);
}

/**
 * The pull's batches of one feature's series, in order, each under a key
 * naming the span and its place in it; the columns are views of the
 * pulled ones, not copies.
 */
function batchesOf(
  pull: DriftSourceBindingPull,
  samples: FiniteSamples,
  on: 'value' | 'p-value',
): DriftSourceSeriesBatch[] {
  const batches: DriftSourceSeriesBatch[] = [];
  for (let i = 0; i * OBSERVATIONS_PER_BATCH < samples.at.length; i++) {
    const from = i * OBSERVATIONS_PER_BATCH;
    const to = from + OBSERVATIONS_PER_BATCH;
    const values = samples.values.subarray(from, to);
    batches.push({
      monitor: pull.monitor,
      idempotencyKey: `prometheus:${pull.monitor}:${pull.binding}:${
        pull.span!.from
      }/${pull.span!.to}:${i}`,
      series: {
        feature: pull.binding,
        at: samples.at.subarray(from, to),
        ...(on === 'p-value' ? { pValue: values } : { value: values }),
      },
    });
  }
  return batches;
}

/** Monitors whose queries run while the one before them is stored. */
const LOOKAHEAD = 2;

/**
 * Pulls every bound feature of every monitor bound to Prometheus, each
 * from where it was last pulled through: one binding per feature, whose
 * failed window is asked for again at the next pull. Monitor by monitor,
 * each handed over once all its features are pulled, while the queries of
 * the next {@link LOOKAHEAD} run (side by side, as many at once as each
 * instance's `concurrency`): the backend stores a monitor while the next
 * are pulled, and holds no more than those.
 */
export async function* pullDriftObservations(
  monitors: readonly MLMonitorEntityV1alpha1[],
  pulledThrough: (monitor: string, binding: string) => Date | undefined,
  context: PullContext,
): AsyncGenerator<DriftSourceBindingPull[]> {
  const bound = monitors.filter(m => m.spec.source?.prometheus);
  const pending: Array<Promise<DriftSourceBindingPull[]>> = [];
  let next = 0;
  const startNext = () => {
    if (next < bound.length) {
      pending.push(pullMonitor(bound[next++], pulledThrough, context));
    }
  };
  for (let i = 0; i <= LOOKAHEAD; i++) startNext();
  while (pending.length) {
    const pulls = await pending.shift()!;
    startNext();
    logPulled(pulls, context.logger);
    if (pulls.length) yield pulls;
  }
}

/** One monitor's bound features, each query as it is due, side by side. */
async function pullMonitor(
  monitor: MLMonitorEntityV1alpha1,
  pulledThrough: (monitor: string, binding: string) => Date | undefined,
  context: PullContext,
): Promise<DriftSourceBindingPull[]> {
  const pulls: DriftSourceBindingPull[] = [];
  const queries: Array<Promise<void>> = [];
  const binding = monitor.spec.source!.prometheus!;
  const monitorRef = stringifyEntityRef(monitor);
  const client = context.clients.get(binding.instance);
  const step = monitorStepSeconds(monitor);
  for (const featureBinding of binding.features) {
    const feature = monitor.spec.features.find(
      f => f.name === featureBinding.name,
    );
    if (!feature) continue; // rejected by the catalog's validation
    const on = featureBinding.on ?? thresholdsOf(feature).on;
    const where = `${monitorRef} feature ${feature.name} (instance "${binding.instance}")`;
    const pull: DriftSourceBindingPull = {
      monitor: monitorRef,
      binding: feature.name,
      description: `instance "${binding.instance}": ${featureBinding.query}`,
      batches: [],
      skipped: 0,
    };
    pulls.push(pull);
    if (!client) {
      pull.error = notConfigured(binding.instance, context);
      context.logger.warn(`Prometheus: ${where}: ${pull.error}`);
      continue;
    }
    const { start, end } = pullWindow(
      pulledThrough(monitorRef, feature.name),
      context,
      step,
    );
    if (start > end) continue; // nothing due yet
    pull.span = { from: iso(start), to: iso(end) };
    queries.push(
      pullFeature(client, featureBinding.query, { start, end, step }).then(
        result => {
          pull.skipped = result.skipped;
          if (result.error) {
            pull.error = result.error;
            context.logger.error(
              `Prometheus: pulling ${where} failed: ${result.error}`,
            );
            return;
          }
          if (result.skipped) {
            context.logger.warn(
              `Prometheus: skipped ${result.skipped} NaN or infinite samples of ${where}`,
            );
          }
          pull.batches = batchesOf(pull, result, on);
        },
      ),
    );
  }
  await Promise.all(queries);
  return pulls;
}

/** A line per monitor pulled: its observations and how many of its queries succeeded. */
function logPulled(
  pulls: readonly DriftSourceBindingPull[],
  logger: LoggerService,
) {
  const byMonitor = new Map<string, DriftSourceBindingPull[]>();
  for (const pull of pulls) {
    if (!pull.span) continue;
    const list = byMonitor.get(pull.monitor) ?? [];
    list.push(pull);
    byMonitor.set(pull.monitor, list);
  }
  for (const [monitorRef, pulled] of byMonitor) {
    const count = pulled
      .flatMap(p => p.batches)
      .reduce(
        (n, b) =>
          n + ('series' in b ? b.series.at.length : b.observations.length),
        0,
      );
    const failed = pulled.filter(p => p.error).length;
    logger.info(
      `Prometheus: pulled ${count} observations of ${monitorRef} from ${
        pulled.length - failed
      } of ${pulled.length} feature queries`,
    );
  }
}
