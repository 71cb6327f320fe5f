import type { GateAuditRecord } from '@mlightenment/backstage-plugin-mlops-common';
import { toCsv } from '../shared/csv';
import type { GateEvent } from './GateStore';

/** One row of the audit trail as served. */
export function auditRecord(event: GateEvent): GateAuditRecord {
  return {
    id: event.id,
    type: event.type,
    entityRef: event.entityRef,
    stage: event.stage,
    at: event.at.toISOString(),
    by: event.actor,
    ...(event.decision ? { decision: event.decision } : {}),
    ...(event.role ? { role: event.role } : {}),
    ...(event.criterion ? { criterion: event.criterion } : {}),
    comment: event.comment,
    ...(event.evidenceUrl ? { evidenceUrl: event.evidenceUrl } : {}),
    entityHash: event.entityHash,
    revision: event.revision,
    ...(event.decisionId ? { decisionId: event.decisionId } : {}),
  };
}

const AUDIT_COLUMNS: ReadonlyArray<keyof GateAuditRecord> = [
  'id',
  'type',
  'entityRef',
  'stage',
  'at',
  'by',
  'decision',
  'role',
  'criterion',
  'comment',
  'evidenceUrl',
  'entityHash',
  'revision',
  'decisionId',
];

/** The audit trail as CSV, one row per event; comments cannot run as formulas. */
export function auditCsv(records: readonly GateAuditRecord[]): string {
  return toCsv(
    AUDIT_COLUMNS.map(column => ({
      header: column,
      value: (record: GateAuditRecord) => record[column],
    })),
    records,
  );
}
