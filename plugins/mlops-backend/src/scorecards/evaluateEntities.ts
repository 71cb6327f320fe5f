import type { Entity } from '@backstage/catalog-model';
import {
  CatalogSnapshot,
  CheckExemption,
  createCheckContext,
  EntityFacts,
  evaluateScorecard,
  MlopsEntity,
  Rubric,
} from '@mlightenment/backstage-plugin-mlops-common';
import { ownerRefOf, refOf } from '../shared/entityRefs';
import type { ScorecardEvaluation } from './ScorecardStore';

/** Evaluates the rubric for each ML entity against one catalog snapshot and the facts per entity. */
export function evaluateEntities(options: {
  rubric: Rubric;
  entities: readonly MlopsEntity[];
  catalog: CatalogSnapshot;
  facts: ReadonlyMap<string, EntityFacts>;
  exemptions: readonly CheckExemption[];
  now: Date;
}): ScorecardEvaluation[] {
  const { rubric, catalog, facts, exemptions, now } = options;
  return options.entities.map(entity => {
    const entityRef = refOf(entity);
    const scorecard = evaluateScorecard(
      rubric,
      createCheckContext({
        entity,
        catalog,
        facts: facts.get(entityRef),
        now,
      }),
      { entityRef, exemptions },
    );
    return {
      entityRef,
      kind: entity.kind,
      title: titleOf(entity),
      ownerRef: ownerRefOf(entity),
      rubricId: rubric.id,
      level: scorecard.level,
      score: scorecard.score,
      results: scorecard.results,
    };
  });
}

/** The entity's title as the catalog shows it. */
export function titleOf(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}
