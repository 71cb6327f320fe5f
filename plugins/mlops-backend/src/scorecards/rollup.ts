import {
  EntityMaturity,
  MaturityLevel,
  summarizeMaturity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { toCsv } from '../shared/csv';
import type { ScorecardSummary } from './ScorecardStore';

/** How many entities the weakest, most improved and biggest drops lists hold. */
export const HIGHLIGHTS = 5;

/** Entities with their change since the start of a period (or since their first evaluation within it). */
export function entityMaturities(
  scorecards: readonly ScorecardSummary[],
  atStart: ReadonlyMap<string, { level: MaturityLevel; score: number }>,
): EntityMaturity[] {
  return scorecards
    .map(scorecard => {
      const before = atStart.get(scorecard.entityRef);
      return {
        entityRef: scorecard.entityRef,
        kind: scorecard.kind,
        title: scorecard.title,
        owner: scorecard.ownerRef,
        level: scorecard.level,
        score: scorecard.score,
        levelChange: before ? scorecard.level - before.level : 0,
        scoreChange: before ? scorecard.score - before.score : 0,
        evaluatedAt: scorecard.evaluatedAt.toISOString(),
      };
    })
    .sort(
      (a, b) =>
        b.level - a.level ||
        b.score - a.score ||
        a.entityRef.localeCompare(b.entityRef),
    );
}

/** Summary, leaderboard, weakest, most improved and biggest drops of a set of entities. */
export type RollUp = {
  summary: ReturnType<typeof summarizeMaturity>;
  entities: EntityMaturity[];
  weakest: EntityMaturity[];
  mostImproved: EntityMaturity[];
  biggestDrops: EntityMaturity[];
};

/** The roll-up of a set of entities, ordered as `entityMaturities` orders them. */
export function rollUp(entities: readonly EntityMaturity[]): RollUp {
  const byChange = (a: EntityMaturity, b: EntityMaturity) =>
    b.levelChange - a.levelChange ||
    b.scoreChange - a.scoreChange ||
    a.entityRef.localeCompare(b.entityRef);
  return {
    summary: summarizeMaturity(entities),
    entities: [...entities],
    weakest: [...entities].reverse().slice(0, HIGHLIGHTS),
    mostImproved: entities
      .filter(
        e => e.levelChange > 0 || (e.levelChange === 0 && e.scoreChange > 0),
      )
      .sort(byChange)
      .slice(0, HIGHLIGHTS),
    biggestDrops: entities
      .filter(
        e => e.levelChange < 0 || (e.levelChange === 0 && e.scoreChange < 0),
      )
      .sort((a, b) => byChange(b, a))
      .slice(0, HIGHLIGHTS),
  };
}

const CSV_COLUMNS: Array<keyof EntityMaturity> = [
  'entityRef',
  'kind',
  'title',
  'owner',
  'level',
  'score',
  'levelChange',
  'scoreChange',
  'evaluatedAt',
];

/** The entities as CSV with a header row, one row per entity, plus the level name. */
export function maturityCsv(
  entities: readonly EntityMaturity[],
  levelName: (level: MaturityLevel) => string,
): string {
  return toCsv(
    [
      ...CSV_COLUMNS.map(column => ({
        header: column,
        value: (entity: EntityMaturity) => entity[column],
      })),
      {
        header: 'levelName',
        value: (entity: EntityMaturity) => levelName(entity.level),
      },
    ],
    entities,
  );
}
