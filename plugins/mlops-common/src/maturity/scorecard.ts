import { evaluateChecks } from '../checks/evaluateChecks';
import { blocksLevel } from '../checks/outcomes';
import type {
  CheckContext,
  CheckExemption,
  CheckMetadata,
  CheckResult,
} from '../checks/types';
import type { CheckLevel, MaturityLevel } from '../framework/levels';
import type { Rubric } from './rubric';

/** What stands between an entity and its next level. @public */
export type NextLevel = {
  level: CheckLevel;
  /** The checks at that level or below that block it, in rubric order. */
  blocking: string[];
};

/** An entity's maturity under a rubric at one evaluation. @public */
export interface Scorecard {
  entityRef: string;
  rubricId: string;
  level: MaturityLevel;
  /** 0 to 100: the share of applicable checks passed, a warning counting half. */
  score: number;
  results: CheckResult[];
  /** Absent at the top level. */
  nextLevel?: NextLevel;
}

// One map per rubric, not one per entity evaluated.
const levelMaps = new WeakMap<readonly CheckMetadata[], Map<string, number>>();

function levelsOf(checks: readonly CheckMetadata[]): Map<string, number> {
  let map = levelMaps.get(checks);
  if (!map) {
    map = new Map(checks.map(c => [c.id, c.level]));
    levelMaps.set(checks, map);
  }
  return map;
}

/**
 * The level the results reach: the highest L such that no applicable check at
 * L or below is failed, not reported or in error. Warnings, exemptions and
 * checks that do not apply never hold an entity back.
 * @public
 */
export function levelOf(
  rubric: Pick<Rubric, 'checks'>,
  results: readonly CheckResult[],
): { level: MaturityLevel; nextLevel?: NextLevel } {
  const levelByCheck = levelsOf(rubric.checks);
  let lowestBlocked: number = 5;
  for (const result of results) {
    const level = levelByCheck.get(result.checkId);
    if (level !== undefined && level < lowestBlocked) {
      if (blocksLevel(result.outcome)) lowestBlocked = level;
    }
  }
  const level = (lowestBlocked - 1) as MaturityLevel;
  if (level === 4) return { level };
  const next = (level + 1) as CheckLevel;
  const blocking: string[] = [];
  for (const result of results) {
    if (
      blocksLevel(result.outcome) &&
      (levelByCheck.get(result.checkId) ?? 5) <= next
    ) {
      blocking.push(result.checkId);
    }
  }
  return { level, nextLevel: { level: next, blocking } };
}

/**
 * The score of a set of results: 100 × (passed + ½ warning) / applicable,
 * where exempt and not-applicable results are left out; 0 when nothing
 * applies.
 * @public
 */
export function scoreOf(results: readonly CheckResult[]): number {
  let applicable = 0;
  let credit = 0;
  for (const { outcome } of results) {
    if (outcome === 'not-applicable' || outcome === 'exempt') continue;
    applicable += 1;
    if (outcome === 'passed') credit += 1;
    else if (outcome === 'warning') credit += 0.5;
  }
  return applicable === 0 ? 0 : Math.round((100 * credit) / applicable);
}

/**
 * Evaluates a rubric for one entity: every check, the level reached, the
 * score and what the next level needs.
 * @public
 */
export function evaluateScorecard(
  rubric: Rubric,
  context: CheckContext,
  options: { entityRef: string; exemptions?: readonly CheckExemption[] },
): Scorecard {
  const results = evaluateChecks(rubric.checks, context, options);
  return {
    entityRef: options.entityRef,
    rubricId: rubric.id,
    ...levelOf(rubric, results),
    score: scoreOf(results),
    results,
  };
}
