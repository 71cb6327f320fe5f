import { readDurationFromConfig, type Config } from '@backstage/config';
import type { HumanDuration } from '@backstage/types';

/** One Prometheus server from `mlops.prometheus.instances`. */
export type PrometheusInstanceConfig = {
  name: string;
  baseUrl: string;
  /** The `Authorization` header value, if any. */
  authorization?: string;
  timeoutMs: number;
  retries: number;
  /** Queries in flight at once. */
  concurrency: number;
};

const SECOND = 1000;

export function durationMs(duration: HumanDuration): number {
  const { years = 0, months = 0, weeks = 0, days = 0 } = duration;
  const { hours = 0, minutes = 0, seconds = 0, milliseconds = 0 } = duration;
  return (
    milliseconds +
    SECOND *
      (seconds +
        60 *
          (minutes +
            60 * (hours + 24 * (days + 7 * weeks + 30 * months + 365 * years))))
  );
}

function optionalDurationMs(config: Config, key: string): number | undefined {
  return config.has(key)
    ? durationMs(readDurationFromConfig(config, { key }))
    : undefined;
}

/** Reads `mlops.prometheus.instances`, by name. */
export function readPrometheusInstances(
  config: Config,
): Map<string, PrometheusInstanceConfig> {
  const instances = new Map<string, PrometheusInstanceConfig>();
  const root = config.getOptionalConfig('mlops.prometheus.instances');
  for (const name of root?.keys() ?? []) {
    const instance = root!.getConfig(name);
    const bearer = instance.getOptionalString('bearerToken');
    const basic = instance.getOptionalConfig('basicAuth');
    let authorization: string | undefined;
    if (bearer) authorization = `Bearer ${bearer}`;
    else if (basic) {
      authorization = `Basic ${Buffer.from(
        `${basic.getString('username')}:${basic.getString('password')}`,
      ).toString('base64')}`;
    }
    instances.set(name, {
      name,
      baseUrl: instance.getString('baseUrl').replace(/\/+$/, ''),
      authorization,
      timeoutMs: optionalDurationMs(instance, 'timeout') ?? 30 * SECOND,
      retries: instance.getOptionalNumber('retries') ?? 2,
      concurrency: Math.max(
        1,
        Math.floor(instance.getOptionalNumber('concurrency') ?? 4),
      ),
    });
  }
  return instances;
}

/** `mlops.prometheus.lookback`: how far back the first pull reaches. Default 7 days. */
export function readLookbackMs(config: Config): number {
  return (
    optionalDurationMs(config, 'mlops.prometheus.lookback') ??
    7 * 24 * 3600 * SECOND
  );
}
