import type {
  DriftAlertEvent,
  DriftAlertMessage,
  DriftState,
  DriftStatisticName,
  MLMonitorEntityV1alpha1,
  MonitorHealth,
} from '@mlightenment/backstage-plugin-mlops-common';
import { entityPath } from '../shared/entityRefs';

/** What changed, as the evaluation that changed it saw it. */
export interface AlertTransition {
  monitorRef: string;
  modelRef: string | null;
  ownerRef: string | null;
  event: DriftAlertEvent;
  episode: number;
  from: DriftState;
  at: Date;
  lastObservationAt: Date | null;
}

/**
 * The one text of a drift alert: the notification's title and description,
 * a webhook's JSON body, an e-mail and a Slack message are all made from it.
 * `appBaseUrl` makes the monitor's link absolute for channels outside
 * Backstage; without it the link is the path in the portal.
 */
export function driftAlertMessage(options: {
  entity: MLMonitorEntityV1alpha1;
  health: MonitorHealth;
  transition: AlertTransition;
  appBaseUrl?: string;
}): DriftAlertMessage {
  const { entity, health, transition } = options;
  const { event, monitorRef, episode } = transition;
  const features =
    event === 'recovery'
      ? []
      : health.features
          .filter(f => f.state === 'alert' || f.state === 'warning')
          .map(f => ({
            name: f.name,
            statistic: f.statistic as DriftStatisticName,
            state: f.state,
            value: f.value,
            ...(f.pValue !== undefined ? { pValue: f.pValue } : {}),
            thresholds: f.thresholds,
          }));
  let title: string;
  let summary: string;
  let severity: DriftAlertMessage['severity'];
  if (event === 'recovery') {
    title = `${health.title}: drift recovered, healthy again`;
    summary = 'Every feature is back within its thresholds.';
    severity = 'normal';
  } else if (event === 'alert') {
    title = `${health.title}: drift alert`;
    summary = `${features
      .map(f => `${f.name} (${f.state})`)
      .join(', ')}. Runbook: ${entity.spec.runbook ?? 'none declared'}`;
    severity = 'critical';
  } else {
    title = `${health.title}: stale, no data within its cadence ${entity.spec.cadence}`;
    summary = `Last observation ${
      transition.lastObservationAt?.toISOString() ?? 'never'
    }. Check the pipeline that pushes its observations.`;
    severity = 'high';
  }
  const path = entityPath(monitorRef);
  return {
    id: `${monitorRef}:episode-${episode}:${event}`,
    event,
    at: transition.at.toISOString(),
    episode,
    state: health.state,
    previousState: transition.from,
    severity,
    title,
    summary,
    monitor: {
      entityRef: monitorRef,
      title: health.title,
      url: options.appBaseUrl
        ? `${options.appBaseUrl.replace(/\/+$/, '')}${path}`
        : path,
      ...(transition.modelRef ? { model: transition.modelRef } : {}),
      ...(transition.ownerRef ? { owner: transition.ownerRef } : {}),
      ...(entity.spec.runbook ? { runbook: entity.spec.runbook } : {}),
      ...(entity.spec.cadence ? { cadence: entity.spec.cadence } : {}),
    },
    ...(transition.lastObservationAt
      ? { lastObservationAt: transition.lastObservationAt.toISOString() }
      : {}),
    featureCount: health.featureCount,
    driftedFeatures: health.driftedFeatures,
    datasetDrift: health.datasetDrift,
    features,
  };
}
