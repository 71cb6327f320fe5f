/*
 * Measuring helpers shared by the maturity benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The p-th percentile (0 to 100), nearest rank. */
export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
};

let gcFunction: (() => void) | undefined;
/**
 * A full garbage collection. Jest's sandbox hides `global.gc`; expose it the
 * way jest's own leak detection does.
 */
export function gc() {
  if (!gcFunction) {
    v8.setFlagsFromString('--expose-gc');
    gcFunction = vm.runInNewContext('gc');
  }
  gcFunction!();
}

/** CPU (user + system, all threads of the process) and wall time of `fn`, in ms. */
export async function timed<T>(
  fn: () => T | Promise<T>,
): Promise<{ result: T; cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs };
}

/**
 * CPU time (user + system, in ms) spent so far by the PostgreSQL server
 * processes serving `database` on this machine (their title names it), read
 * from /proc: the database's share of a measurement, which the process's own
 * CPU time leaves out, and other sessions' databases do not blur. Processes
 * that ended in between are not counted, so take it around work on a pool's
 * connections. 0 where /proc has none (another machine, SQLite).
 */
export function postgresCpuMs(database: string | undefined): number {
  if (!database) return 0;
  const ticksPerMs = 100 / 1000; // USER_HZ, 100 on Linux
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres') continue;
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.includes(` ${database} `)) continue;
      // Fields after the command: state is 3rd, utime 14th and stime 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks / ticksPerMs;
}

/** The machine's load when a measurement was taken. */
export function machine() {
  return {
    loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
    cpus: os.cpus().length,
    node: process.version,
  };
}

const MiB = 1024 * 1024;

/** This process's resident memory now and its peak (VmHWM), in MiB. */
export function residentMemory() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return {
    rssMiB: Math.round(process.memoryUsage.rss() / MiB),
    peakMiB: Math.round(kib('VmHWM') / 1024),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / MiB),
    heapTotalMiB: Math.round(process.memoryUsage().heapTotal / MiB),
    externalMiB: Math.round(process.memoryUsage().external / MiB),
  };
}

/** Resets VmHWM to the current RSS (Linux 4.0+); false when not allowed. */
export function resetPeakMemory(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples RSS every `intervalMs` until stopped; returns the highest sample in MiB. */
export function sampleRss(intervalMs = 50) {
  let peak = process.memoryUsage.rss();
  let samples = 0;
  const timer = setInterval(() => {
    samples += 1;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { peakMiB: Math.round(peak / MiB), samples };
    },
  };
}

/** Writes a result next to the benchmarks (bench/results is not committed). */
export function writeResult(name: string, result: object) {
  const out = path.resolve(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, `${name}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  console.log(JSON.stringify(result, null, 2));
}
