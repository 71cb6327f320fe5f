import {
  FRAMEWORK_STAGES,
  FrameworkStage,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  CheckMetadata,
  CheckResult,
  EntityScorecard,
  RubricDescription,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A check's result beside what the rubric says about the check. */
export interface CheckRow {
  result: CheckResult;
  /** Absent when the rubric does not know the check. */
  check?: CheckMetadata;
}

/**
 * The scorecard's results with the rubric's metadata, without the checks of
 * other kinds: a model's page lists the checks that can apply to a model.
 */
export function checkRows(
  scorecard: EntityScorecard,
  rubric: RubricDescription,
): CheckRow[] {
  const byId = new Map(rubric.checks.map(c => [c.id, c]));
  return scorecard.results
    .map(result => ({ result, check: byId.get(result.checkId) }))
    .filter(({ check }) => !check || check.kinds.includes(scorecard.kind));
}

/** The checks that hold the entity below its next level, in the scorecard's order. */
export function blockingRows(
  scorecard: EntityScorecard,
  rows: CheckRow[],
): CheckRow[] {
  const blocking = scorecard.nextLevel?.blocking ?? [];
  return rows
    .filter(r => blocking.includes(r.result.checkId))
    .sort(
      (a, b) =>
        blocking.indexOf(a.result.checkId) - blocking.indexOf(b.result.checkId),
    );
}

/**
 * The rows of each framework stage in stage order, lowest level first, and
 * the rows of checks the rubric does not place in a stage.
 */
export function rowsByStage(rows: CheckRow[]): {
  stages: { stage: FrameworkStage; rows: CheckRow[] }[];
  unplaced: CheckRow[];
} {
  const byLevel = (a: CheckRow, b: CheckRow) =>
    (a.check?.level ?? 0) - (b.check?.level ?? 0);
  return {
    stages: FRAMEWORK_STAGES.map(stage => ({
      stage,
      rows: rows.filter(r => r.check?.stage === stage.id).sort(byLevel),
    })),
    unplaced: rows.filter(r => !r.check),
  };
}
