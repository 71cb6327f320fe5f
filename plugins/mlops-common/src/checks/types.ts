import type { Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import type { MlopsEntity, MlopsKind } from '../kinds/types';
import type { CheckLevel } from '../framework/levels';
import type { FrameworkStageId } from '../framework/stages';
import type { CheckOutcome } from './outcomes';

/**
 * Facts the backend holds about one entity, by fact id: results pushed by
 * pipelines (`check-result:<check id>`), gate approvals, drift health, monitor
 * freshness. Fact sources of backend modules add their own ids.
 * @public
 */
export type EntityFacts = Readonly<Record<string, JsonValue | undefined>>;

/** What a check reads: the entity, the catalog around it, and facts. @public */
export interface CheckContext {
  /** The entity under evaluation. */
  entity: MlopsEntity;
  /** Another catalog entity by reference (default kind and namespace as in the catalog), if the catalog holds it. */
  getEntity(ref: string): Entity | undefined;
  /** The catalog entities this one relates to by a relation type (`entity.relations`). */
  related(relationType: string): Entity[];
  /** Facts the backend holds about this entity. */
  facts: EntityFacts;
  /** The time of the evaluation. */
  now: Date;
}

/** What a check says about one entity. @public */
export type CheckEvaluation = {
  outcome: CheckOutcome;
  /** Why, in one sentence a person can act on: what was found, not the check's title. */
  reason: string;
};

/** How to make a failing check pass. @public */
export type CheckRemediation = {
  /** What to do, naming the YAML field or the practice. */
  text: string;
  /** Where to read more. */
  link?: string;
};

/** What a check is, without how it is evaluated: what the API and the UI show. @public */
export type CheckMetadata = {
  /** Stable identifier, `area.what` in kebab case, e.g. `use-case.sponsor-named`. */
  id: string;
  title: string;
  description: string;
  /** The framework stage whose key step the check covers. */
  stage: FrameworkStageId;
  /** The lowest maturity level that requires the check. */
  level: CheckLevel;
  /** The kinds the check applies to; it is not applicable to others. */
  kinds: MlopsKind[];
  /** Why it matters. */
  rationale: string;
  remediation: CheckRemediation;
};

/**
 * A check: its metadata and a pure evaluation (no I/O; everything it reads
 * comes through the context).
 * @public
 */
export interface CheckDefinition extends CheckMetadata {
  evaluate(context: CheckContext): CheckEvaluation;
}

/** A waiver of one check for one entity, with why and until when. @public */
export type CheckExemption = {
  checkId: string;
  /** Entity reference, e.g. `mlmodel:default/churn-logit`. */
  entityRef: string;
  justification: string;
  /** ISO 8601 date or date-time after which the exemption no longer applies. */
  expiresAt: string;
};

/** A check's evaluation for one entity, as stored and served. @public */
export type CheckResult = CheckEvaluation & {
  checkId: string;
  /** Set when the outcome is `exempt`: the exemption that applied. */
  exemption?: Omit<CheckExemption, 'checkId' | 'entityRef'>;
};
