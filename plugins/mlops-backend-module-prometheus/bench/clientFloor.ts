/*
 * The client floor of the import benchmark, in a process of its own (as
 * the import's backend, with the Backstage CLI's node transform): the
 * requests the import sent (BENCH_REQUESTS, a JSON file of `{ url, body }`)
 * sent again to Prometheus at BENCH_PROMETHEUS_URL through the module's
 * `PrometheusClient` from BENCH_CODE, as
 * many at once as the instance's concurrency, each answer read into its
 * columns as the import reads it — and nothing validated, stored or
 * evaluated. Prints `{ ms, cpuMs, samples }` of that first pass as JSON,
 * with `warmMs` and `warmCpuMs` of a second pass in the now warm process.
 */
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';

const code = process.env.BENCH_CODE ?? path.resolve(__dirname, '../../..');
const src = path.join(code, 'plugins/mlops-backend-module-prometheus/src');
/* eslint-disable @typescript-eslint/no-require-imports */
const { PrometheusClient } = require(path.join(src, 'PrometheusClient'));
const { readPrometheusInstances } = require(path.join(src, 'config'));
/* eslint-enable @typescript-eslint/no-require-imports */

async function main() {
  const requests: Array<{ url: string; body: string }> = JSON.parse(
    fs.readFileSync(process.env.BENCH_REQUESTS!, 'utf8'),
  );
  const baseUrl = process.env.BENCH_PROMETHEUS_URL!;
  // The instance as the import's backend configures it (its defaults).
  const instances = readPrometheusInstances(
    new ConfigReader({
      mlops: { prometheus: { instances: { bench: { baseUrl } } } },
    }),
  );
  const client = new PrometheusClient(instances.get('bench'));
  const pass = async () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let samples = 0;
    await Promise.all(
      requests.map(async ({ body }) => {
        const form = new URLSearchParams(body);
        const series = await client.queryRange(form.get('query')!, {
          start: Number(form.get('start')),
          end: Number(form.get('end')),
          step: Number(form.get('step')),
        });
        for (const s of series) samples += s.at.length;
      }),
    );
    const { user, system } = process.cpuUsage(cpu);
    return {
      ms: performance.now() - started,
      cpuMs: (user + system) / 1000,
      samples,
    };
  };
  // The first pass as the import's (code run for the first time), then
  // the same again in the now warm process.
  const first = await pass();
  const warm = await pass();
  process.stdout.write(
    `${JSON.stringify({ ...first, warmMs: warm.ms, warmCpuMs: warm.cpuMs })}\n`,
  );
  // The client's kept-alive connections would hold the process open.
  process.exit(0);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
