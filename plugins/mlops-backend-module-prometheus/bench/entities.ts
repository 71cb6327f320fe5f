/*
 * The import benchmark's organisation: BENCH_MONITORS (100) monitors of
 * BENCH_FEATURES (25) features, each feature bound to one Prometheus
 * series, and BENCH_DAYS (30) days of hourly samples of those series ending
 * at BENCH_END (the last full hour, set by the parent for its child).
 * BENCH_PRECISION=full writes the samples as a drift exporter computes
 * them, at a double's full precision (`0.05727431218034291`); by default
 * they have three decimals (`0.057`), as in the runs before it existed.
 */
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';

export const MONITORS = Number(process.env.BENCH_MONITORS ?? 100);
export const FEATURES = Number(process.env.BENCH_FEATURES ?? 25);
export const DAYS = Number(process.env.BENCH_DAYS ?? 30);
export const FULL_PRECISION = process.env.BENCH_PRECISION === 'full';
export const DRIFT_TASK = 'mlops-drift-source-prometheus';
const HOUR = 3_600_000;

if (!process.env.BENCH_END) {
  process.env.BENCH_END = String(Math.floor(Date.now() / HOUR) * HOUR);
}
/** The samples end at the last full hour; the import reaches back DAYS. */
const end = Number(process.env.BENCH_END);
export const HOURS = DAYS * 24;

const model: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'bench-model', namespace: 'default' },
  spec: {
    owner: 'group:default/bench',
    useCase: 'bench-use-case',
    lifecycle: 'production',
    type: 'classification',
  },
};

/** The model and its monitors, each feature bound to its own series. */
export function benchEntities(): Entity[] {
  const monitors: Entity[] = Array.from({ length: MONITORS }, (_, m) => ({
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLMonitor',
    metadata: { name: `bench-monitor-${m}`, namespace: 'default' },
    spec: {
      owner: 'group:default/bench',
      model: 'mlmodel:default/bench-model',
      type: 'data-drift',
      cadence: 'PT1H',
      features: Array.from({ length: FEATURES }, (__, f) => ({
        name: `feature_${f}`,
        type: 'numerical',
        statistic: 'psi',
        warning: 0.1,
        alert: 0.25,
      })),
      source: {
        prometheus: {
          instance: 'bench',
          step: 'PT1H',
          features: Array.from({ length: FEATURES }, (__, f) => ({
            name: `feature_${f}`,
            query: `bench_feature_psi{monitor="${m}", feature="${f}"}`,
          })),
        },
      },
    },
  }));
  return [model, ...monitors];
}

/** One series per monitor and feature, hourly, as OpenMetrics. */
export function writeFixture(file: string) {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '# TYPE bench_feature_psi gauge\n');
  for (let m = 0; m < MONITORS; m++) {
    for (let f = 0; f < FEATURES; f++) {
      const lines: string[] = [];
      for (let i = HOURS; i >= 0; i--) {
        const value = FULL_PRECISION
          ? 0.05 + Math.abs(Math.sin(m * 131 + f * 17 + i)) / 20
          : 0.05 + ((m * 31 + f * 7 + i) % 17) / 1000;
        lines.push(
          `bench_feature_psi{monitor="${m}",feature="${f}"} ${
            FULL_PRECISION ? value : value.toFixed(3)
          } ${(end - i * HOUR) / 1000}\n`,
        );
      }
      fs.writeSync(out, lines.join(''));
    }
  }
  fs.writeSync(out, '# EOF\n');
  fs.closeSync(out);
}
