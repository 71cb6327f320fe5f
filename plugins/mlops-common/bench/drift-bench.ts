/*
 * Benchmark: ksTwoSample and wassersteinDistance on 1,000,000 vs 1,000,000
 * values against scipy.stats.ks_2samp and wasserstein_distance on the same
 * data, in the same run. From plugins/mlops-common:
 *
 *   node --expose-gc --require @backstage/cli/config/nodeTransform.cjs bench/drift-bench.ts
 *
 * Needs /usr/bin/python3 with scipy (Debian's python3-scipy). DRIFT_BENCH_N
 * and DRIFT_BENCH_ROUNDS change the sample size (1,000,000) and the number
 * of rounds (7).
 *
 * Two data sets: the current sample shifted by 0.002 standard deviations (no
 * drift the test can see: p ≈ 0.6) and by 0.01 (drift: p ≈ 8e-7, where
 * the p-value takes Smirnov's sum).
 *
 * Time: the two samples go to a temporary binary file (float64,
 * little-endian). Each round runs a /usr/bin/python3 subprocess that reads
 * the file and times one call of each scipy function (after one untimed
 * call), then times one call of each TypeScript function; rounds alternate
 * so that a busy machine slows both sides alike. The result is the ratio of
 * the medians.
 *
 * Memory beyond the inputs: for each function a fresh Node process builds
 * the inputs, collects garbage, notes its peak resident set, calls the
 * function once and reports how far the peak grew — the most the call ever
 * held at once. It also reports how much the heap and array buffers grew
 * during the call, which is exact only if no collection ran meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ksTwoSample, wassersteinDistance } from '../src/drift';

const N = Number(process.env.DRIFT_BENCH_N ?? 1_000_000);
const ROUNDS = Number(process.env.DRIFT_BENCH_ROUNDS ?? 7);
const MiB = 1024 * 1024;

const functions = {
  ksTwoSample: (a: Float64Array, b: Float64Array) => ksTwoSample(a, b),
  wassersteinDistance: (a: Float64Array, b: Float64Array) =>
    wassersteinDistance(a, b),
};
type Name = keyof typeof functions;

/** A seeded normal sample (mulberry32 + Box–Muller), rounded to 1e-6 so that ties occur. */
function normalSample(n: number, seed: number, shift: number): Float64Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z =
      Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    out[i] = Math.round((z + shift) * 1e6) / 1e6;
  }
  return out;
}

/** The current sample's shift, in standard deviations: no drift to speak of, and drift. */
const SHIFTS = [0.002, 0.01];

const inputs = (shift = SHIFTS[0]) => [
  normalSample(N, 1, 0),
  normalSample(N, 2, shift),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const PYTHON = `
import json, sys, time
import numpy as np, scipy
from scipy import stats
path, n = sys.argv[1], int(sys.argv[2])
data = np.fromfile(path, dtype='<f8')
a, b = data[:n], data[n:]
out = {'scipy': scipy.__version__, 'numpy': np.__version__}
for name, f in [('ksTwoSample', lambda: stats.ks_2samp(a, b)), ('wassersteinDistance', lambda: stats.wasserstein_distance(a, b))]:
    f()
    t0 = time.perf_counter(); r = f(); ms = (time.perf_counter() - t0) * 1000
    out[name] = {'ms': ms, 'result': [float(r.statistic), float(r.pvalue)] if name == 'ksTwoSample' else float(r)}
print(json.dumps(out))
`;

const print = (line: string) => process.stdout.write(`${line}\n`);

/** In a fresh process: how far one call raised the peak resident set. */
function memoryOfOneCall(name: Name) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  const [a, b] = inputs();
  gc();
  const before = process.memoryUsage();
  const peakBefore = process.resourceUsage().maxRSS; // KiB
  functions[name](a, b);
  const after = process.memoryUsage();
  const peakAfter = process.resourceUsage().maxRSS;
  print(
    JSON.stringify({
      peakRssGrowthMiB: (peakAfter - peakBefore) / 1024,
      heapAndBuffersGrowthMiB:
        (after.heapUsed +
          after.arrayBuffers -
          before.heapUsed -
          before.arrayBuffers) /
        MiB,
    }),
  );
}

function runScenario(shift: number) {
  const [a, b] = inputs(shift);
  const dir = mkdtempSync(join(tmpdir(), 'drift-bench-'));
  const file = join(dir, 'samples.f64');
  const bytes = Buffer.alloc(16 * N);
  Buffer.from(a.buffer).copy(bytes, 0);
  Buffer.from(b.buffer).copy(bytes, 8 * N);
  writeFileSync(file, bytes);

  const names = Object.keys(functions) as Name[];
  const ts: Record<Name, number[]> = {
    ksTwoSample: [],
    wassersteinDistance: [],
  };
  const py: Record<Name, number[]> = {
    ksTwoSample: [],
    wassersteinDistance: [],
  };
  const results: Record<string, unknown> = {};
  let versions = '';
  for (const name of names) functions[name](a, b); // untimed, as in Python
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const scipy = JSON.parse(
        execFileSync('/usr/bin/python3', ['-c', PYTHON, file, String(N)], {
          encoding: 'utf8',
        }),
      );
      versions = `scipy ${scipy.scipy}, numpy ${scipy.numpy}`;
      for (const name of names) {
        py[name].push(scipy[name].ms);
        results[`${name} scipy`] = scipy[name].result;
        const t0 = process.hrtime.bigint();
        results[`${name} TS`] = functions[name](a, b);
        ts[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  print(
    `N = ${N} vs ${N}, current shifted by ${shift} σ, ${ROUNDS} rounds, Node ${process.versions.node}, ${versions}`,
  );
  for (const name of names) {
    const ratio = median(ts[name]) / median(py[name]);
    print(
      `${name}: TS median ${median(ts[name]).toFixed(
        1,
      )} ms, scipy median ${median(py[name]).toFixed(
        1,
      )} ms, ratio ${ratio.toFixed(2)}`,
    );
    print(`  TS ms:    ${ts[name].map(x => x.toFixed(1)).join(', ')}`);
    print(`  scipy ms: ${py[name].map(x => x.toFixed(1)).join(', ')}`);
    print(
      `  result: TS ${JSON.stringify(
        results[`${name} TS`],
      )}, scipy ${JSON.stringify(results[`${name} scipy`])}`,
    );
  }
}

function main() {
  for (const shift of SHIFTS) runScenario(shift);
  for (const name of Object.keys(functions) as Name[]) {
    const memory = JSON.parse(
      execFileSync(
        process.execPath,
        [...process.execArgv, __filename, '--memory', name],
        { encoding: 'utf8' },
      ),
    );
    print(
      `${name}, one call in a fresh process: peak RSS growth ${memory.peakRssGrowthMiB.toFixed(
        1,
      )} MiB, heap + buffers growth ${memory.heapAndBuffersGrowthMiB.toFixed(
        1,
      )} MiB`,
    );
  }
}

const memoryFlag = process.argv.indexOf('--memory');
if (memoryFlag >= 0) memoryOfOneCall(process.argv[memoryFlag + 1] as Name);
else main();
