import type { MlopsKind } from '../kinds/types';

// The rejected-entities route's body
// (plugins/mlops-backend/src/schema/rejected.openapi.yaml).

/**
 * What the catalog does with an ML entity whose YAML it rejected:
 * `not-in-catalog` when it never accepted a version of it, so the entity is
 * missing; `previous-version-served` when it still serves the last version it
 * accepted, and the owner's latest change is not in the catalog.
 * @public
 */
export type RejectedEntityState = 'not-in-catalog' | 'previous-version-served';

/** One reason the catalog gave for rejecting an entity. @public */
export type RejectedEntityProblem = {
  /** The field the problem is in (`spec.metrics[0].value`), when the error names one. */
  field?: string;
  /** What is wrong, as the catalog module or the catalog said it. */
  message: string;
  /** The field's line in the file, when the backend could read the file. */
  line?: number;
};

/**
 * Where the catalog read a rejected entity from: its
 * `backstage.io/managed-by-location`.
 * @public
 */
export type RejectedEntityLocation = {
  /** The location type: `file` or `url`. */
  type: string;
  /** The file's path or the document's address. */
  target: string;
  /** The line the entity's document starts on, when the backend could read the file. */
  line?: number;
};

/** An MLUseCase, MLModel or MLMonitor the catalog rejected, with why. @public */
export type RejectedEntity = {
  /** `mlmodel:default/churn-gbm`, lower case. */
  entityRef: string;
  kind: MlopsKind;
  title?: string;
  /** The owner as a full entity reference, when `spec.owner` is one. */
  owner?: string;
  state: RejectedEntityState;
  location?: RejectedEntityLocation;
  problems: RejectedEntityProblem[];
};

/**
 * The rejected ML entities the caller may see, by owner then entity: all of
 * them for whoever may read the catalog's unprocessed entities, else those
 * the caller owns (directly or through a group), plus those still served in
 * a previous version that the caller may read.
 * @public
 */
export type RejectedEntities = {
  items: RejectedEntity[];
};
