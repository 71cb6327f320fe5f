/** Where an actual came from: a pushing pipeline, a person's check-in, or a pulled source. */
export type KpiSourceKind = 'pipeline' | 'person' | 'source';

/** An actual value of a KPI for one period, as it is recorded. */
export interface NewKpiActual {
  /** The use case that declares the KPI. */
  useCaseRef: string;
  /** The KPI's id within the use case's business drivers. */
  kpiId: string;
  /** The period the value is for; together with `periodEnd` it names the period. */
  periodStart: Date;
  periodEnd: Date;
  value: number;
  unit?: string | null;
  sourceKind: KpiSourceKind;
  /** The pipeline or source, when not a person. */
  sourceName?: string | null;
  /** The user or service that recorded it. */
  recordedBy: string;
  comment?: string | null;
  evidenceUrl?: string | null;
  /** The id of the record this one corrects (of the same KPI, not yet corrected). */
  supersedes?: number | null;
}

/** A record of the ledger. */
export interface KpiActualRecord {
  id: number;
  useCaseRef: string;
  kpiId: string;
  periodStart: Date;
  periodEnd: Date;
  value: number;
  unit: string | null;
  sourceKind: KpiSourceKind;
  sourceName: string | null;
  recordedBy: string;
  /** Server time. */
  recordedAt: Date;
  comment: string | null;
  evidenceUrl: string | null;
  supersedes: number | null;
  /** The version of the KPI's definition in effect when it was recorded. */
  definitionVersionId: number | null;
  /** The pushed batch it came in. */
  idempotencyKey: string | null;
}

/**
 * A ledger record as a KPI's trend and the ledger fold read it: without its
 * source, comment or evidence.
 */
export type KpiLedgerPoint = Pick<
  KpiActualRecord,
  | 'id'
  | 'kpiId'
  | 'periodStart'
  | 'periodEnd'
  | 'value'
  | 'supersedes'
  | 'recordedAt'
>;

/** A recent point in force of a KPI: what its status needs of a record. */
export interface KpiRecentPoint {
  id: number;
  useCaseRef: string;
  kpiId: string;
  /** The first day of the period, `YYYY-MM-DD`. */
  periodStart: string;
  /** The last day of the period, `YYYY-MM-DD`. */
  periodEnd: string;
  value: number;
}

/** What an append did with each record of the batch, in the batch's order. */
export interface AppendActualsResult {
  records: Array<{
    /** The id the record is stored under (the earlier record's for a duplicate). */
    id: number;
    status: 'stored' | 'duplicate';
  }>;
  stored: number;
  duplicates: number;
  /** Set when the answer is the one first given under the same idempotency key. */
  replayed?: boolean;
}

/** Options of {@link KpiStore.appendActuals}. */
export interface AppendActualsOptions {
  /** A push's idempotency key: a retry with it returns the first answer. */
  idempotencyKey?: string;
  /** The hash of the request under the key; defaults to a hash of the records. */
  requestHash?: string;
  /** The server time to record (defaults to now). */
  now?: Date;
  /** How errors name a record of the batch, e.g. `actuals[3]`; default `records[3]`. */
  fieldPath?: (index: number) => string;
  /**
   * The KPI definitions each use case of the batch declares now, by use case
   * ref: recorded as {@link KpiStore.recordDefinitions} does, in the
   * append's transaction, so that the records are tied to them.
   */
  definitions?: ReadonlyMap<string, readonly KpiDefinitionInput[]>;
}

/** A KPI's definition as declared, with the key that identifies it. */
export interface KpiDefinitionInput {
  kpiId: string;
  /** Changes exactly when the definition (baseline, target, unit, method, direction) does. */
  key: string;
  /** JSON-serialisable definition. */
  definition: Record<string, unknown>;
}

/** A stored version of a KPI's definition. */
export interface KpiDefinitionVersion {
  id: number;
  useCaseRef: string;
  kpiId: string;
  /** 1 for the first definition of the KPI, then one more per change. */
  version: number;
  key: string;
  definition: Record<string, unknown>;
  /** From when this version applies. */
  validFrom: Date;
}

/**
 * Persistence of business value realised: the append-only ledger of KPI
 * actuals, the versions of KPI definitions, and the reminders already sent.
 */
export interface KpiStore {
  /**
   * Appends actuals in one transaction, all or nothing. A value already on
   * record for the KPI and period (the effective one, or one since corrected)
   * is a duplicate and is not stored again; a different value for a period
   * that has one needs `supersedes`.
   *
   * A retry under the same idempotency key and request hash returns the
   * first answer and stores nothing.
   *
   * @throws {@link KpiValueConflictError} a different value for a period that has one
   * @throws {@link KpiSupersedesError} `supersedes` names an unknown record, another KPI's, or one already corrected
   * @throws {@link IdempotencyKeyConflictError} the key was used for another request
   */
  appendActuals(
    records: readonly NewKpiActual[],
    options?: AppendActualsOptions,
  ): Promise<AppendActualsResult>;
  /**
   * Every record of a use case, corrected ones included, by KPI and period.
   * `since` keeps the records whose period ends at or after it.
   */
  listActuals(
    useCaseRef: string,
    options?: { kpiId?: string; since?: Date },
  ): Promise<KpiActualRecord[]>;
  /** {@link KpiStore.listActuals} of every KPI, each record as a point only. */
  listPoints(useCaseRef: string): Promise<KpiLedgerPoint[]>;
  /** The records with these ids, in no particular order. */
  getActuals(ids: readonly number[]): Promise<KpiActualRecord[]>;
  /**
   * The effective latest point (of the latest period, not corrected) of each
   * KPI of these use cases, or of all use cases.
   */
  latestActuals(useCaseRefs?: readonly string[]): Promise<KpiActualRecord[]>;
  /**
   * Records a new version of each KPI definition whose key differs from its
   * latest version's, valid from `now`. Returns the versions it added.
   */
  recordDefinitions(
    useCaseRef: string,
    definitions: readonly KpiDefinitionInput[],
    now: Date,
  ): Promise<KpiDefinitionVersion[]>;
  /** Every definition version of a use case's KPIs, by KPI and version. */
  definitionVersions(useCaseRef: string): Promise<KpiDefinitionVersion[]>;
  /**
   * Claims a reminder: true for exactly one caller per scope, across
   * concurrent callers and replicas; false once it has been claimed.
   */
  claimReminder(scope: string, now: Date): Promise<boolean>;
  /**
   * Per (use case, KPI) the two latest records in force, oldest first: what
   * a KPI's status needs (the latest actual, and whether it moved toward the
   * target since the previous one), without reading the whole ledger.
   */
  recentActuals(useCaseRefs?: readonly string[]): Promise<KpiRecentPoint[]>;
  /** When the KPI source last pulled successfully; undefined before its first pull. */
  sourceCursor(sourceId: string): Promise<Date | undefined>;
  /** Records a successful pull of a KPI source. */
  setSourceCursor(sourceId: string, pulledAt: Date): Promise<void>;
}
