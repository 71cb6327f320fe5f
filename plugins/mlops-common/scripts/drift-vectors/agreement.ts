/*
 * Prints the largest relative error of each drift statistic against the
 * scipy vectors — the plain relative error, without the tests' absolute
 * tolerance near 0 — for docs/drift.md. From plugins/mlops-common:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/drift-vectors/agreement.ts
 */
import {
  chiSquareGoodnessOfFit,
  hellingerDistance,
  jensenShannonDistance,
  ksTwoSample,
  populationStabilityIndex,
  quantileBinEdges,
  wassersteinDistance,
} from '../../src/drift';
import { kolmogorovSurvival } from '../../src/drift/ksDistribution';
import { numberOf, vectors } from '../../src/drift/__vectors__/vectors';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** The plain relative error; where scipy gives 0, the absolute error. */
function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const difference = Math.abs(actual - expected);
  return expected === 0 ? difference : difference / Math.abs(expected);
}

const worst = new Map<string, { error: number; case: string }>();
function record(
  name: string,
  caseName: string,
  actual: number,
  expected: number,
) {
  const error = relativeError(actual, expected);
  const previous = worst.get(name);
  if (!previous || error > previous.error)
    worst.set(name, { error, case: caseName });
}

for (const v of vectors.ksTwoSample) {
  const r = ksTwoSample(v.reference, v.current);
  record(
    `ksTwoSample statistic (${v.method})`,
    v.name,
    r.statistic,
    v.statistic,
  );
  record(`ksTwoSample pValue (${v.method})`, v.name, r.pValue, v.pValue);
}
for (const v of vectors.kolmogorovSurvival) {
  record('kstwo.sf', `n=${v.n} x=${v.x}`, kolmogorovSurvival(v.n, v.x), v.sf);
}
for (const v of vectors.wassersteinDistance) {
  record(
    'wassersteinDistance',
    v.name,
    wassersteinDistance(v.reference, v.current),
    v.distance,
  );
}
for (const v of vectors.jensenShannonDistance) {
  record(
    `jensenShannonDistance`,
    `${v.name} base ${v.base}`,
    jensenShannonDistance(v.p, v.q, { base: v.base }),
    v.distance,
  );
}
for (const v of vectors.chiSquareGoodnessOfFit) {
  const r = chiSquareGoodnessOfFit(v.reference, v.current);
  record(
    'chiSquareGoodnessOfFit statistic',
    v.name,
    r.statistic,
    numberOf(v.statistic),
  );
  record('chiSquareGoodnessOfFit pValue', v.name, r.pValue, v.pValue);
}
for (const v of vectors.populationStabilityIndex) {
  record(
    'populationStabilityIndex',
    v.name,
    populationStabilityIndex(v.reference, v.current),
    v.psi,
  );
}
for (const v of vectors.hellingerDistance) {
  record('hellingerDistance', v.name, hellingerDistance(v.p, v.q), v.distance);
}
for (const v of vectors.quantileBinEdges) {
  quantileBinEdges(v.reference, v.bins)
    .slice(1, -1)
    .forEach((edge, i) =>
      record('quantileBinEdges', v.name, edge, v.innerEdges[i]),
    );
}

print(`scipy ${vectors.scipy}, numpy ${vectors.numpy}`);
for (const [name, { error, case: caseName }] of worst) {
  print(
    `${name.padEnd(40)} ${error.toExponential(2).padStart(9)}  (${caseName})`,
  );
}
