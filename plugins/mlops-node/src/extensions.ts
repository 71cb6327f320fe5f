import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  CheckDefinition,
  EntityFacts,
  MlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * A source of facts about ML entities that checks read through
 * `context.facts`: gate approvals, drift health, monitor freshness, results
 * of a team's own systems. Called once per evaluation run with every entity
 * being evaluated; return facts only for the entities it knows about.
 * @public
 */
export interface MlopsFactSource {
  /** Unique among the fact sources; used in logs. */
  id: string;
  /**
   * Facts per entity reference (as `stringifyEntityRef` writes it, lower
   * case). Fact ids should be namespaced by the source, e.g. `drift.health`.
   * A source that throws is logged and skipped; the run goes on without it.
   */
  getFacts(entities: readonly MlopsEntity[]): Promise<Map<string, EntityFacts>>;
}

/**
 * Lets backend modules add maturity checks and fact sources to the `mlops`
 * backend plugin.
 * @public
 */
export interface MlopsChecksExtensionPoint {
  /** Adds checks to the rubric, after the default ones. Ids must be unique. */
  addChecks(...checks: CheckDefinition[]): void;
  /** Adds a source of facts that checks can read. */
  addFactSource(source: MlopsFactSource): void;
}

/**
 * The extension point for checks and fact sources.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'mlops',
 *   moduleId: 'sonar-quality',
 *   register(env) {
 *     env.registerInit({
 *       deps: { checks: mlopsChecksExtensionPoint },
 *       async init({ checks }) {
 *         checks.addFactSource(sonarFacts);
 *         checks.addChecks(qualityGatePassed);
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const mlopsChecksExtensionPoint =
  createExtensionPoint<MlopsChecksExtensionPoint>({
    id: 'mlops.checks',
  });
