import {
  definitionVersionKey,
  effectiveActuals,
  kpiAssessment,
  KpiDefinition,
  KpiDefinitionVersion as KpiDefinitionVersionView,
  KpiActualView,
  KpiPoint,
  KpiValue,
  kpiDefinitionsOf,
  ledgerHistory,
  MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import { boundedMemo } from '../shared/boundedMemo';
import { refOf } from '../shared/entityRefs';
import type {
  KpiActualRecord,
  KpiDefinitionVersion,
  KpiLedgerPoint,
  KpiRecentPoint,
} from './KpiStore';

// Periods are whole days and repeat across reads: each day written once.
const dayOfTime = boundedMemo((time: number) =>
  new Date(time).toISOString().slice(0, 10),
);

/** A stored date of a period as the API writes it: `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return dayOfTime(date.getTime());
}

/** A `YYYY-MM-DD` day as the store keeps it: midnight UTC. */
export function dayOf(text: string): Date {
  return new Date(`${text}T00:00:00.000Z`);
}

/** A store record or point as the ledger fold of the common package reads it, its periods as days. */
function foldable<R extends KpiLedgerPoint>(record: R) {
  return {
    id: record.id,
    supersedes: record.supersedes,
    periodStart: isoDay(record.periodStart),
    periodEnd: isoDay(record.periodEnd),
    recordedAt: record.recordedAt,
    record,
  };
}

/** A ledger record as served. */
export function actualView(
  record: KpiActualRecord,
  versionOf: ReadonlyMap<number, number>,
  supersededBy?: number,
): KpiActualView {
  return {
    id: String(record.id),
    kpiId: record.kpiId,
    periodStart: isoDay(record.periodStart),
    periodEnd: isoDay(record.periodEnd),
    value: record.value,
    ...(record.unit ? { unit: record.unit } : {}),
    source: record.sourceKind,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toISOString(),
    ...(record.comment ? { comment: record.comment } : {}),
    ...(record.evidenceUrl ? { evidenceUrl: record.evidenceUrl } : {}),
    ...(record.supersedes ? { supersedes: String(record.supersedes) } : {}),
    ...(supersededBy ? { supersededBy: String(supersededBy) } : {}),
    definitionVersion:
      record.definitionVersionId === null
        ? 1
        : versionOf.get(record.definitionVersionId) ?? 1,
  };
}

/** Every record of a use case's ledger as served, corrections marked, oldest period first. */
export function historyView(
  records: readonly KpiActualRecord[],
  versions: readonly KpiDefinitionVersion[],
): KpiActualView[] {
  const versionOf = new Map(versions.map(v => [v.id, v.version]));
  return ledgerHistory(records.map(foldable)).map(entry =>
    actualView(
      entry.record,
      versionOf,
      entry.supersededBy === undefined ? undefined : Number(entry.supersededBy),
    ),
  );
}

function versionView(
  version: number,
  validFrom: Date,
  definition: Pick<
    KpiDefinition,
    'baseline' | 'target' | 'unit' | 'direction' | 'method'
  >,
): KpiDefinitionVersionView {
  return {
    version,
    validFrom: validFrom.toISOString(),
    ...(definition.baseline !== undefined
      ? { baseline: definition.baseline }
      : {}),
    ...(definition.target !== undefined ? { target: definition.target } : {}),
    ...(definition.unit !== undefined ? { unit: definition.unit } : {}),
    direction: definition.direction,
    method: definition.method,
  };
}

/** A KPI's points in force, oldest period first, from its use case's ledger points. */
export function pointsInForce(
  points: readonly KpiLedgerPoint[],
  kpiId: string,
) {
  return effectiveActuals(points.filter(p => p.kpiId === kpiId).map(foldable));
}

/**
 * One KPI as served: its definition, its actuals in force, its status; its
 * definition versions as stored, and the declared one after them when the
 * store has not recorded it yet (a read records nothing: the next write or
 * the scheduled sync does).
 */
export function kpiValueView(input: {
  definition: KpiDefinition;
  /** The KPI's points in force, see {@link pointsInForce}. */
  inForce: ReturnType<typeof pointsInForce>;
  /** The record of the latest point in force. */
  latest?: KpiActualRecord;
  versions: readonly KpiDefinitionVersion[];
  now: Date;
}): KpiValue {
  const { definition, inForce, now } = input;
  const versions = input.versions.filter(v => v.kpiId === definition.id);
  const versionOf = new Map(versions.map(v => [v.id, v.version]));
  const points = inForce.map(f => ({
    id: String(f.id),
    periodStart: f.periodStart,
    periodEnd: f.periodEnd,
    value: f.record.value,
  }));
  const assessment = kpiAssessment({ definition, points, now });
  const latest = input.latest ? actualView(input.latest, versionOf) : undefined;
  const definitionVersions = versions.map(v =>
    versionView(v.version, v.validFrom, v.definition as KpiDefinition),
  );
  const last = versions[versions.length - 1];
  if (!last || last.key !== definitionVersionKey(definition)) {
    definitionVersions.push(
      versionView((last?.version ?? 0) + 1, now, definition),
    );
  }
  return {
    id: definition.id,
    driver: definition.driver,
    kpi: definition.kpi,
    ...(definition.unit !== undefined ? { unit: definition.unit } : {}),
    ...(definition.baseline !== undefined
      ? { baseline: definition.baseline }
      : {}),
    ...(definition.target !== undefined ? { target: definition.target } : {}),
    direction: definition.direction,
    cadence: definition.cadence,
    method: definition.method,
    ...(definition.referencePeriod
      ? { referencePeriod: definition.referencePeriod }
      : {}),
    status: assessment.status,
    reason: assessment.reason,
    ...(assessment.progress !== undefined
      ? { progress: assessment.progress }
      : {}),
    ...(latest ? { latest } : {}),
    ...(assessment.overdueAfter
      ? { overdueAfter: assessment.overdueAfter.toISOString() }
      : {}),
    points,
    definitionVersions,
  };
}

/**
 * Where a KPI stands, without its points or definition versions: what the
 * organisation view, a sponsor's home, the reminders and the rubric's value
 * facts read, for thousands of KPIs at once.
 */
export type CurrentKpi = Pick<
  KpiValue,
  'id' | 'kpi' | 'unit' | 'cadence' | 'status' | 'reason' | 'progress'
> & {
  /** The latest actual in force. */
  latest?: KpiPoint;
};

/**
 * A KPI's {@link CurrentKpi} from its latest records in force (the store's
 * `recentActuals`, oldest first), assessed by the same rules as its full
 * view: only the latest actual and the one before it count for its status.
 */
export function currentKpiView(input: {
  definition: KpiDefinition;
  records: readonly KpiRecentPoint[];
  now: Date;
}): CurrentKpi {
  const { definition, now } = input;
  const points = input.records.filter(r => r.kpiId === definition.id);
  const assessment = kpiAssessment({ definition, points, now });
  return {
    id: definition.id,
    kpi: definition.kpi,
    ...(definition.unit !== undefined ? { unit: definition.unit } : {}),
    cadence: definition.cadence,
    status: assessment.status,
    reason: assessment.reason,
    ...(assessment.progress !== undefined
      ? { progress: assessment.progress }
      : {}),
    ...(assessment.latest
      ? {
          latest: {
            periodStart: assessment.latest.periodStart,
            periodEnd: assessment.latest.periodEnd,
            value: assessment.latest.value,
          },
        }
      : {}),
  };
}

/**
 * Where the KPIs of each use case stand, by use case ref, from the store's
 * `recentActuals` of all of them.
 */
export function currentKpisOf(
  useCases: readonly MLUseCaseEntityV1alpha1[],
  recent: readonly KpiRecentPoint[],
  now: Date,
): Map<string, CurrentKpi[]> {
  const byUseCase = new Map<string, KpiRecentPoint[]>();
  for (const record of recent) {
    const list = byUseCase.get(record.useCaseRef);
    if (list) list.push(record);
    else byUseCase.set(record.useCaseRef, [record]);
  }
  return new Map(
    useCases.map(useCase => {
      const records = byUseCase.get(refOf(useCase)) ?? [];
      return [
        refOf(useCase),
        kpiDefinitionsOf(useCase).map(definition =>
          currentKpiView({ definition, records, now }),
        ),
      ];
    }),
  );
}
