import type { MaturityLevel } from '../framework/levels';

/** How many entities are at each level, and their mean score. @public */
export type MaturitySummary = {
  entityCount: number;
  /** Entities per level, index = level (0 to 4). */
  distribution: [number, number, number, number, number];
  /** Mean score of the entities, 0 to 100, rounded; 0 for none. */
  score: number;
  /** The median level; 0 for none. */
  medianLevel: MaturityLevel;
};

/**
 * A team's maturity as a distribution, not one concatenated checklist: one
 * weak model shows as one entity at a low level beside nine good ones.
 * @public
 */
export function summarizeMaturity(
  scorecards: Iterable<{ level: MaturityLevel; score: number }>,
): MaturitySummary {
  const distribution: MaturitySummary['distribution'] = [0, 0, 0, 0, 0];
  let total = 0;
  let count = 0;
  for (const { level, score } of scorecards) {
    distribution[level] += 1;
    total += score;
    count += 1;
  }
  let medianLevel: MaturityLevel = 0;
  let seen = 0;
  for (let level = 0; level <= 4; level++) {
    seen += distribution[level];
    if (seen * 2 >= count && count > 0) {
      medianLevel = level as MaturityLevel;
      break;
    }
  }
  return {
    entityCount: count,
    distribution,
    score: count === 0 ? 0 : Math.round(total / count),
    medianLevel,
  };
}
