import { formatDate } from '../components/shared';
import type { MaturityHistoryPoint } from '@mlightenment/backstage-plugin-mlops-common';

/** A change of level between two consecutive history points. */
export interface LevelStep {
  at: string;
  from: number;
  to: number;
}

/** The changes of level in a history, oldest first. */
export function levelSteps(
  points: readonly MaturityHistoryPoint[],
): LevelStep[] {
  const steps: LevelStep[] = [];
  for (let i = 1; i < points.length; i++) {
    if (points[i].level !== points[i - 1].level) {
      steps.push({
        at: points[i].at,
        from: points[i - 1].level,
        to: points[i].level,
      });
    }
  }
  return steps;
}

/**
 * The trend in sentences: each change of level ("Level 2 → 3 on 12 Nov
 * 2026"), then the score from the start of the period to the end.
 */
export function trendSentences(
  points: readonly MaturityHistoryPoint[],
  days: number,
): string[] {
  if (points.length === 0) {
    return [`No evaluation in the last ${days} days.`];
  }
  const first = points[0];
  const last = points[points.length - 1];
  const steps = levelSteps(points);
  const sentences =
    steps.length === 0
      ? [`Level ${last.level} throughout the last ${days} days.`]
      : steps.map(s => `Level ${s.from} → ${s.to} on ${formatDate(s.at)}.`);
  sentences.push(
    first.score === last.score
      ? `Score ${last.score} throughout.`
      : `Score ${first.score} → ${last.score}.`,
  );
  return sentences;
}
