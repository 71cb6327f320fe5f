import type { Rubric } from '@mlightenment/backstage-plugin-mlops-common';
import {
  levelName,
  levelOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { StoredScorecard } from './ScorecardStore';

/** A stored scorecard as the API serves it (see `Scorecard` in openapi.yaml). */
export function toApiScorecard(scorecard: StoredScorecard, rubric: Rubric) {
  // What blocks the next level is derived from the stored results, so it
  // always agrees with them.
  const { nextLevel } = levelOf(rubric, scorecard.results);
  return {
    entityRef: scorecard.entityRef,
    kind: scorecard.kind,
    title: scorecard.title,
    ...(scorecard.ownerRef ? { owner: scorecard.ownerRef } : {}),
    rubricId: scorecard.rubricId,
    level: scorecard.level,
    levelName: levelName(rubric, scorecard.level),
    score: scorecard.score,
    ...(nextLevel
      ? {
          nextLevel: {
            level: nextLevel.level,
            name: levelName(rubric, nextLevel.level),
            blocking: nextLevel.blocking,
          },
        }
      : {}),
    results: scorecard.results,
    evaluatedAt: scorecard.evaluatedAt.toISOString(),
    changedAt: scorecard.changedAt.toISOString(),
  };
}
