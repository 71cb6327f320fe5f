import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { MlopsKind } from '@mlightenment/backstage-plugin-mlops-common';
import type {
  Overview,
  Rubric,
  Scorecard,
  ScorecardHistory,
  TeamMaturity,
} from './types';

/** An entity reference as a string (`mlmodel:default/churn-gbm`) or its parts. @public */
export type EntityRefInput = string | CompoundEntityRef;

/** The period and kind a roll-up covers. @public */
export interface MaturityQuery {
  /** Days back from now, 1 to 365; the backend's default (30) when absent. */
  days?: number;
  /** Only entities of this kind. */
  kind?: MlopsKind;
}

/**
 * The mlops backend: maturity scorecards, their history and team roll-ups.
 * Failed requests reject with a `ResponseError` from `@backstage/errors`, so
 * callers can tell a 404 (never evaluated) or a 403 (not allowed) apart.
 * @public
 */
export interface MlopsApi {
  /** The rubric in force, its levels and checks. */
  getRubric(): Promise<Rubric>;
  /** An entity's latest scorecard; 404 when it was never evaluated. */
  getScorecard(entityRef: EntityRefInput): Promise<Scorecard>;
  /** An entity's level and score over the last `days` days. */
  getScorecardHistory(
    entityRef: EntityRefInput,
    days: number,
  ): Promise<ScorecardHistory>;
  /** Evaluates an entity now; 403 without the refresh permission. */
  refreshScorecard(entityRef: EntityRefInput): Promise<Scorecard>;
  /** A group's maturity over its whole hierarchy. */
  getTeamMaturity(
    groupRef: EntityRefInput,
    query?: MaturityQuery,
  ): Promise<TeamMaturity>;
  /** Maturity across the organisation and per team. */
  getOverview(query?: MaturityQuery): Promise<Overview>;
  /** The address of a team's CSV export; it needs the user's token. */
  teamExportUrl(
    groupRef: EntityRefInput,
    query?: MaturityQuery,
  ): Promise<string>;
  /** A team's CSV export, fetched with the user's token. */
  getTeamExport(groupRef: EntityRefInput, query?: MaturityQuery): Promise<Blob>;
  /** The address of an entity's SVG maturity badge, for READMEs. */
  badgeUrl(entityRef: EntityRefInput): Promise<string>;
}

/** The {@link MlopsApi}. @public */
export const mlopsApiRef = createApiRef<MlopsApi>({ id: 'plugin.mlops.api' });
