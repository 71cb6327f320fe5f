import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
const PROMTOOL = path.join(path.dirname(PROMETHEUS), 'promtool');

/** A real Prometheus server on a loopback port, for tests. */
export type TestPrometheus = {
  url: string;
  /** The server's process, e.g. to count the CPU time it spends. */
  pid: number;
  stop(): Promise<void>;
};

/** What a test's Prometheus scrapes, besides the history it is backfilled with. */
export type TestPrometheusOptions = {
  /** One scrape job over these `host:port` targets (their `/metrics`). */
  scrape?: { job: string; targets: string[]; interval?: string };
  /**
   * The longest block promtool writes from the fixtures (`744h`, say): one
   * block per range rather than one per 2 hours, so a month of samples is
   * written in seconds, not minutes.
   */
  maxBlockDuration?: string;
};

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * Starts `/usr/bin/prometheus` (Debian's package) on a free loopback port
 * with a fresh storage directory, after backfilling it from OpenMetrics
 * fixtures with `promtool tsdb create-blocks-from openmetrics`, and scraping
 * the targets of `options.scrape` (every second unless told). Throws when
 * the server is not installed: a test that cannot reach a real Prometheus
 * fails rather than passes unseen.
 */
export async function startTestPrometheus(
  fixtures: string[],
  options: TestPrometheusOptions = {},
): Promise<TestPrometheus> {
  if (!fs.existsSync(PROMETHEUS) || !fs.existsSync(PROMTOOL)) {
    throw new Error(
      `${PROMETHEUS} (or promtool beside it) is missing: run \`source scripts/services.sh\` to install Debian's prometheus package, which these tests start`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-prometheus-'));
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  for (const fixture of fixtures) {
    await promisify(execFile)(PROMTOOL, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      ...(options.maxBlockDuration
        ? [`--max-block-duration=${options.maxBlockDuration}`]
        : []),
      '--quiet',
      fixture,
      data,
    ]);
  }
  const config = path.join(dir, 'prometheus.yml');
  const { scrape } = options;
  fs.writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 15s',
      ...(scrape
        ? [
            'scrape_configs:',
            `  - job_name: ${JSON.stringify(scrape.job)}`,
            `    scrape_interval: ${scrape.interval ?? '1s'}`,
            `    static_configs: [{ targets: ${JSON.stringify(
              scrape.targets,
            )} }]`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      // The fixtures' history is fixed: keep it however old it gets.
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/-/ready`)).ok) {
        return { url, pid: child.pid!, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`Prometheus did not become ready on ${url}: ${stderr}`);
}
