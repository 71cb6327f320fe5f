import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { MLOPS_RELATION_PAIRS } from '@mlightenment/backstage-plugin-mlops-common';

/**
 * A catalog graph API that knows the MLightenment relations (model ↔ use
 * case, monitor ↔ model, model ↔ serving component, sponsor, alerts) besides
 * Backstage's own, so that the graph draws them and offers them as filters.
 * @public
 */
export function createMlopsCatalogGraphApi(): DefaultCatalogGraphApi {
  const pairs = MLOPS_RELATION_PAIRS.map(
    ([forward, reverse]) => [forward, reverse] as [string, string],
  );
  return new DefaultCatalogGraphApi({
    knownRelations: [...ALL_RELATIONS, ...pairs.flat()],
    knownRelationPairs: [...ALL_RELATION_PAIRS, ...pairs],
    defaultRelationTypes: { exclude: [] },
  });
}
