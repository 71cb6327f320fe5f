/*
 * Ingestion benchmark: how long a real catalog backend takes to ingest N
 * MLightenment entities, against N plain Component entities with as many
 * references, measured side by side in one process. Rounds alternate which
 * set goes first; the ratio of medians is the result.
 *
 *   yarn bench                     # N=5000, 3 rounds, SQLite
 *   BENCH_N=1000 BENCH_ROUNDS=1 yarn bench
 *
 * Results are written to bench/results/ingest.json and go in docs/benchmarks.md.
 */
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import path from 'node:path';
import catalogModuleMlops from '../src';

const N = Number(process.env.BENCH_N ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

jest.setTimeout(6 * 60 * 60 * 1000);

const docs = (entities: object[]) =>
  entities.map(e => JSON.stringify(e)).join('\n---\n');

/**
 * N Components with the same shape of graph as the ML set: each has an owner,
 * a system and a dependency; a fifth depend on a dataset, half on one of that
 * fifth, the rest on one of the half — as models point at use cases and
 * monitors at models.
 */
function components(n: number) {
  const roots = Math.round(n / 5);
  const middle = Math.round(n / 2);
  const dependency = (i: number) => {
    if (i < roots) return `resource:dataset-${i % 200}`;
    if (i < roots + middle) return `component:service-${i % roots}`;
    return `component:service-${roots + (i % middle)}`;
  };
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `service-${i}`, description: `Service ${i}` },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:team-${i % 50}`,
      system: `system-${i % 20}`,
      dependsOn: [dependency(i)],
    },
  }));
}

/**
 * N ML entities: a fifth use cases, half models, the rest monitors; each
 * with three references, like the Components.
 */
function mlEntities(n: number) {
  const useCases = Math.round(n / 5);
  const models = Math.round(n / 2);
  const entities: object[] = [];
  for (let i = 0; i < n; i++) {
    const base = {
      apiVersion: 'mlightenment.io/v1alpha1',
      metadata: { name: `ml-${i}`, description: `ML entity ${i}` },
    };
    if (i < useCases) {
      entities.push({
        ...base,
        kind: 'MLUseCase',
        spec: {
          owner: `group:team-${i % 50}`,
          sponsor: `user:sponsor-${i % 30}`,
          lifecycle: 'production',
          system: `system-${i % 20}`,
          acceptanceCriteria: [
            { metric: 'auc', operator: '>=', threshold: 0.8 },
          ],
        },
      });
    } else if (i < useCases + models) {
      entities.push({
        ...base,
        kind: 'MLModel',
        spec: {
          owner: `group:team-${i % 50}`,
          useCase: `ml-${i % useCases}`,
          lifecycle: 'production',
          type: 'classification',
          metrics: [{ name: 'auc', value: 0.85 }],
          dependsOn: [`resource:dataset-${i % 200}`],
        },
      });
    } else {
      entities.push({
        ...base,
        kind: 'MLMonitor',
        spec: {
          owner: `group:team-${i % 50}`,
          model: `ml-${useCases + (i % models)}`,
          type: 'data-drift',
          cadence: 'P1D',
          features: [
            {
              name: 'f',
              type: 'numerical',
              statistic: 'psi',
              warning: 0.1,
              alert: 0.25,
            },
          ],
          alerting: { notify: [`group:team-${i % 50}`] },
        },
      });
    }
  }
  return entities;
}

async function ingest(label: string, entities: object[], kinds: string[]) {
  const directory = createMockDirectory({
    content: { 'catalog-info.yaml': docs(entities) },
  });
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleMlops,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['Location', 'Component', ...kinds] }],
            locations: [
              { type: 'file', target: directory.resolve('catalog-info.yaml') },
            ],
          },
        },
      }),
    ],
  });
  const url = `http://localhost:${backend.server.port()}/api/catalog/entities/by-query?${kinds
    .map(k => `filter=kind=${k}`)
    .join('&')}&limit=1`;
  try {
    for (;;) {
      const { totalItems } = await (await fetch(url)).json();
      if (totalItems === entities.length) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label}: ${entities.length} entities in ${seconds.toFixed(1)} s`,
    );
    return seconds;
  } finally {
    await backend.stop();
    directory.clear();
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it(`ingests ${N} ML entities no slower than 1.2x ${N} Components`, async () => {
  const builtIn: number[] = [];
  const ml: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runs = [
      async () =>
        builtIn.push(await ingest('Component', components(N), ['Component'])),
      async () =>
        ml.push(
          await ingest('ML kinds', mlEntities(N), [
            'MLUseCase',
            'MLModel',
            'MLMonitor',
          ]),
        ),
    ];
    if (round % 2) runs.reverse();
    for (const run of runs) await run();
  }
  const ratio = median(ml) / median(builtIn);
  const result = {
    date: new Date().toISOString(),
    n: N,
    rounds: ROUNDS,
    database: 'SQLite (in memory)',
    componentSeconds: builtIn,
    mlSeconds: ml,
    medianComponentSeconds: median(builtIn),
    medianMlSeconds: median(ml),
    ratio,
  };
  console.log(JSON.stringify(result, null, 2));
  const out = path.resolve(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'ingest.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  expect(ratio).toBeLessThanOrEqual(1.2);
});
