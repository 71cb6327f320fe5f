import type { CheckDefinition, CheckMetadata } from '../checks/types';
import type { MaturityLevelDefinition } from '../framework/levels';

/** A rubric: named levels and the checks that decide them. @public */
export interface Rubric {
  id: string;
  title: string;
  /** Levels 0 to 4, in order. */
  levels: readonly MaturityLevelDefinition[];
  checks: readonly CheckDefinition[];
}

/** A rubric as the API serves it: check metadata without evaluation. @public */
export type RubricDescription = {
  id: string;
  title: string;
  levels: MaturityLevelDefinition[];
  checks: CheckMetadata[];
};

/** The name a rubric gives a level, e.g. `Automated training`. @public */
export function levelName(
  rubric: Pick<Rubric, 'levels'>,
  level: number,
): string {
  return rubric.levels.find(l => l.level === level)?.name ?? `Level ${level}`;
}

/** A rubric without its evaluation functions. @public */
export function describeRubric(rubric: Rubric): RubricDescription {
  return {
    id: rubric.id,
    title: rubric.title,
    levels: [...rubric.levels],
    checks: rubric.checks.map(({ evaluate: _evaluate, ...metadata }) => ({
      ...metadata,
      kinds: [...metadata.kinds],
    })),
  };
}
