import {
  CHECK_OUTCOME_LABELS,
  DRIFT_STATE_LABELS,
  GATE_STATE_LABELS,
  kpiStatusLabels,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  CheckOutcome,
  DriftState,
  GateState,
  KpiStatus,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { StatusVocabulary } from './Status';

/** A check's outcome; not applicable is neither good nor bad. */
export const CHECK_OUTCOME_STATUS: StatusVocabulary<CheckOutcome> = {
  labels: CHECK_OUTCOME_LABELS,
  tones: {
    passed: 'ok',
    failed: 'error',
    error: 'error',
    warning: 'warning',
    'not-reported': 'pending',
    exempt: 'aborted',
    'not-applicable': 'neutral',
  },
};

/** The drift state of a feature, monitor, model or use case. */
export const DRIFT_STATE_STATUS: StatusVocabulary<DriftState> = {
  labels: DRIFT_STATE_LABELS,
  tones: {
    healthy: 'ok',
    warning: 'warning',
    alert: 'error',
    stale: 'pending',
    'no-data': 'aborted',
  },
};

/** The state of a stage gate. */
export const GATE_STATE_STATUS: StatusVocabulary<GateState> = {
  labels: GATE_STATE_LABELS,
  tones: {
    approved: 'ok',
    rejected: 'error',
    'changes-requested': 'warning',
    'ready-for-review': 'pending',
    'not-started': 'aborted',
  },
};

/** Whether a KPI is delivering; overdue waits for an actual past its time. */
export const KPI_STATUS: StatusVocabulary<KpiStatus> = {
  labels: kpiStatusLabels,
  tones: {
    'on-track': 'ok',
    'at-risk': 'warning',
    'off-track': 'error',
    overdue: 'pending',
    'no-data': 'neutral',
  },
  testId: 'mlops-kpi-status',
};
