import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import type { MlopsKind } from './types';

/** MLModel → MLUseCase: the model implements the use case. @public */
export const RELATION_IMPLEMENTS_USE_CASE = 'implementsUseCase';
/** MLUseCase → MLModel: the reverse of `implementsUseCase`. @public */
export const RELATION_USE_CASE_IMPLEMENTED_BY = 'useCaseImplementedBy';
/** MLMonitor → MLModel: the monitor watches the model. @public */
export const RELATION_MONITORS_MODEL = 'monitorsModel';
/** MLModel → MLMonitor: the reverse of `monitorsModel`. @public */
export const RELATION_MODEL_MONITORED_BY = 'modelMonitoredBy';
/** MLModel → Component or API: what serves the model's predictions. @public */
export const RELATION_SERVED_BY = 'servedBy';
/** Component or API → MLModel: the reverse of `servedBy`. @public */
export const RELATION_SERVES_MODEL = 'servesModel';
/** MLUseCase → User or Group: the sponsor who signs off the use case. @public */
export const RELATION_SPONSORED_BY = 'sponsoredBy';
/** User or Group → MLUseCase: the reverse of `sponsoredBy`. @public */
export const RELATION_SPONSOR_OF = 'sponsorOf';
/** MLMonitor → User or Group: who is notified of the monitor's alerts. @public */
export const RELATION_ALERTS = 'alerts';
/** User or Group → MLMonitor: the reverse of `alerts`. @public */
export const RELATION_ALERTED_BY = 'alertedBy';

/** The relation pairs the MLightenment kinds emit, `[forward, reverse]`. @public */
export const MLOPS_RELATION_PAIRS: ReadonlyArray<readonly [string, string]> = [
  [RELATION_IMPLEMENTS_USE_CASE, RELATION_USE_CASE_IMPLEMENTED_BY],
  [RELATION_MONITORS_MODEL, RELATION_MODEL_MONITORED_BY],
  [RELATION_SERVED_BY, RELATION_SERVES_MODEL],
  [RELATION_SPONSORED_BY, RELATION_SPONSOR_OF],
  [RELATION_ALERTS, RELATION_ALERTED_BY],
];

/**
 * A spec field that holds entity references: where it is, what kinds it may
 * point at (the first is the default when the reference names no kind), and
 * the relation pair it produces.
 * @public
 */
export interface ReferenceField {
  /** Dotted path below `spec`, e.g. `alerting.notify`. */
  path: string;
  /** Whether the field holds an array of references. */
  many: boolean;
  /** Allowed target kinds, lower case; the first is the default kind. */
  kinds: readonly string[];
  /** `[forward, reverse]` relation types emitted for each reference. */
  relation: readonly [string, string];
}

/** The reference fields of each MLightenment kind. @public */
export const MLOPS_REFERENCE_FIELDS: Record<
  MlopsKind,
  readonly ReferenceField[]
> = {
  MLUseCase: [
    {
      path: 'owner',
      many: false,
      kinds: ['group', 'user'],
      relation: [RELATION_OWNED_BY, RELATION_OWNER_OF],
    },
    {
      path: 'sponsor',
      many: false,
      kinds: ['user', 'group'],
      relation: [RELATION_SPONSORED_BY, RELATION_SPONSOR_OF],
    },
    {
      path: 'system',
      many: false,
      kinds: ['system'],
      relation: [RELATION_PART_OF, RELATION_HAS_PART],
    },
    {
      path: 'domain',
      many: false,
      kinds: ['domain'],
      relation: [RELATION_PART_OF, RELATION_HAS_PART],
    },
  ],
  MLModel: [
    {
      path: 'owner',
      many: false,
      kinds: ['group', 'user'],
      relation: [RELATION_OWNED_BY, RELATION_OWNER_OF],
    },
    {
      path: 'useCase',
      many: false,
      kinds: ['mlusecase'],
      relation: [
        RELATION_IMPLEMENTS_USE_CASE,
        RELATION_USE_CASE_IMPLEMENTED_BY,
      ],
    },
    {
      path: 'system',
      many: false,
      kinds: ['system'],
      relation: [RELATION_PART_OF, RELATION_HAS_PART],
    },
    {
      path: 'dependsOn',
      many: true,
      kinds: ['resource', 'component', 'mlmodel'],
      relation: [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
    },
    {
      path: 'servedBy',
      many: true,
      kinds: ['component', 'api'],
      relation: [RELATION_SERVED_BY, RELATION_SERVES_MODEL],
    },
  ],
  MLMonitor: [
    {
      path: 'owner',
      many: false,
      kinds: ['group', 'user'],
      relation: [RELATION_OWNED_BY, RELATION_OWNER_OF],
    },
    {
      path: 'model',
      many: false,
      kinds: ['mlmodel'],
      relation: [RELATION_MONITORS_MODEL, RELATION_MODEL_MONITORED_BY],
    },
    {
      path: 'alerting.notify',
      many: true,
      kinds: ['group', 'user'],
      relation: [RELATION_ALERTS, RELATION_ALERTED_BY],
    },
  ],
};
