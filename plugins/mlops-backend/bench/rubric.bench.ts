/*
 * Rubric benchmark: the CPU the default rubric takes over a generated
 * organisation of N ML entities held in memory, as a refresh evaluates it
 * once the catalog has been read. Goal (issue #5): under 200 ms of CPU for
 * 10,000 entities.
 *
 *   yarn bench:maturity rubric               # N=10000, 2 warm-up + 7 rounds
 *   BENCH_N=1000 BENCH_ROUNDS=3 yarn bench:maturity rubric
 *
 * Results are written to bench/results/rubric.json and go in docs/benchmarks.md.
 */
import {
  CatalogSnapshot,
  createCheckContext,
  defaultMaturityRubric,
  evaluateScorecard,
  isMlopsEntity,
  MlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { evaluateEntities } from '../src/scorecards/evaluateEntities';
import {
  allEntities,
  assertValid,
  generateOrganisation,
  mlEntities,
  sampleOf,
  sizes,
  withCatalogRelations,
} from './organisation';
import { gc, machine, median, timed, writeResult } from './measure';

const N = Number(process.env.BENCH_N ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARM_UP = 2;
const GOAL_CPU_MS = 200;

jest.setTimeout(30 * 60 * 1000);

it(`evaluates the default rubric over ${N} ML entities in under ${GOAL_CPU_MS} ms of CPU`, async () => {
  const org = generateOrganisation(N);
  assertValid(sampleOf(mlEntities(org)));
  const entities = withCatalogRelations(allEntities(org));
  const ml = entities.filter(isMlopsEntity) as MlopsEntity[];
  const now = new Date();

  const phases = {
    /** Indexing the catalog by reference, once per refresh. */
    snapshot: [] as number[],
    /** The checks alone: createCheckContext + evaluateScorecard per entity. */
    checks: [] as number[],
    /** What a refresh runs after reading the catalog: snapshot + evaluateEntities. */
    refreshEvaluation: [] as number[],
    refreshEvaluationWall: [] as number[],
  };
  let levels: number[] = [];
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const measured = round >= WARM_UP;
    gc();
    const snapshot = await timed(() => new CatalogSnapshot(entities));
    gc();
    const checks = await timed(() =>
      ml.map(entity =>
        evaluateScorecard(
          defaultMaturityRubric,
          createCheckContext({ entity, catalog: snapshot.result, now }),
          { entityRef: 'x' },
        ),
      ),
    );
    gc();
    const refresh = await timed(() =>
      evaluateEntities({
        rubric: defaultMaturityRubric,
        entities: ml,
        catalog: new CatalogSnapshot(entities),
        facts: new Map(),
        exemptions: [],
        now,
      }),
    );
    if (measured) {
      phases.snapshot.push(snapshot.cpuMs);
      phases.checks.push(checks.cpuMs);
      phases.refreshEvaluation.push(refresh.cpuMs);
      phases.refreshEvaluationWall.push(refresh.wallMs);
    }
    levels = refresh.result.map(e => e.level);
    expect(checks.result.map(s => s.level)).toEqual(levels);
  }

  const distribution = [0, 1, 2, 3, 4].map(
    level => levels.filter(l => l === level).length,
  );
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    n: ml.length,
    shape: sizes(N),
    snapshotEntities: entities.length,
    checks: defaultMaturityRubric.checks.length,
    warmUpRounds: WARM_UP,
    rounds: ROUNDS,
    levelDistribution: distribution,
    cpuMs: Object.fromEntries(
      Object.entries(phases).map(([phase, values]) => [
        phase,
        values.map(v => Math.round(v)),
      ]),
    ),
    medianCpuMs: Object.fromEntries(
      Object.entries(phases).map(([phase, values]) => [
        phase,
        Math.round(median(values)),
      ]),
    ),
    goalCpuMs: GOAL_CPU_MS,
  };
  writeResult('rubric', result);
  // A realistic organisation spreads over the levels, not all at one.
  expect(distribution.filter(count => count > 0).length).toBeGreaterThan(2);
  expect(median(phases.refreshEvaluation)).toBeLessThan(GOAL_CPU_MS);
});
