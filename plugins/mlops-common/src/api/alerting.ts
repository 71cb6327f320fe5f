import type { DriftState, DriftThresholds } from '../drift/health';
import type { DriftStatisticName } from '../drift/statistics';
import type { AlertChannelType } from '../kinds/types';

// What the backend delivers to a monitor's alert channels, and the delivery
// log route's body (plugins/mlops-backend/src/schema/alerting.openapi.yaml).

/**
 * What a message to a monitor's alert channels announces: the start of an
 * alert or a stale episode (or an alert within a stale one), or the return
 * to healthy that ends the episode.
 * @public
 */
export type DriftAlertEvent = 'alert' | 'stale' | 'recovery';

/** A feature in warning or alert, as an alert message lists it. @public */
export type DriftAlertFeature = {
  name: string;
  statistic: DriftStatisticName;
  state: DriftState;
  /** What the thresholds are compared with: the statistic or its p-value. */
  value: number | null;
  pValue?: number;
  thresholds: DriftThresholds;
};

/**
 * A message to a monitor's alert channels: the JSON body a webhook receives,
 * and what an e-mail or a Slack message says.
 * @public
 */
export type DriftAlertMessage = {
  /**
   * `<monitor>:episode-<n>:<event>`: the same on every retry and on every
   * channel, so a receiver can drop a repeat.
   */
  id: string;
  event: DriftAlertEvent;
  /** ISO 8601: when the monitor's state changed. */
  at: string;
  /** The monitor's alert episode, counted from 1. */
  episode: number;
  state: DriftState;
  previousState: DriftState;
  severity: 'normal' | 'high' | 'critical';
  /** One line, the e-mail's subject. */
  title: string;
  /** What happened and what to do, in a sentence or two. */
  summary: string;
  monitor: {
    entityRef: string;
    title: string;
    /** The monitor's page in the portal. */
    url: string;
    model?: string;
    owner?: string;
    runbook?: string;
    cadence?: string;
  };
  lastObservationAt?: string;
  featureCount: number;
  /** Features at their alert threshold. */
  driftedFeatures: number;
  datasetDrift: boolean;
  /** The features in alert or warning, worst first; none in a recovery. */
  features: DriftAlertFeature[];
};

/**
 * A message's way through one channel: `pending` while attempts remain,
 * `delivered` once accepted, `failed` when the attempts ran out or the
 * channel cannot work (a webhook missing from app-config).
 * @public
 */
export type AlertDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One attempt to deliver a message. @public */
export type AlertDeliveryAttempt = {
  at: string;
  /** Why it failed; absent for the attempt that delivered. */
  error?: string;
};

/** One message to one channel. @public */
export type AlertDelivery = {
  messageId: string;
  event: DriftAlertEvent;
  episode: number;
  title: string;
  status: AlertDeliveryStatus;
  createdAt: string;
  /** Oldest first. */
  attempts: AlertDeliveryAttempt[];
  deliveredAt?: string;
  /** When a pending message is tried next. */
  nextAttemptAt?: string;
};

/** The delivery log of one channel of a monitor. @public */
export type AlertChannelLog = {
  type: AlertChannelType;
  target: string;
  /** False for a channel the monitor no longer declares; its log is kept. */
  declared: boolean;
  /**
   * Who confirms a delivery: the `receiver` (a webhook's 2xx answer, the
   * SMTP server accepting the e-mail), or the `notifications-backend`, which
   * hands a Slack message to Backstage's Slack processor; that processor logs
   * Slack's own errors but does not report them back.
   */
  confirmedBy: 'receiver' | 'notifications-backend';
  /** The last message delivered. */
  lastDelivery?: AlertDelivery;
  /** The last failed attempt, of any message. */
  lastError?: { at: string; message: string; messageId: string };
  /** The latest messages, newest first (at most 10). */
  recent: AlertDelivery[];
};

/** The delivery log of a monitor's alert channels. @public */
export type AlertDeliveryLog = {
  monitor: string;
  channels: AlertChannelLog[];
};

/** The words for each kind of alert channel. @public */
export const ALERT_CHANNEL_TYPE_LABELS: Readonly<
  Record<AlertChannelType, string>
> = {
  webhook: 'Webhook',
  email: 'E-mail',
  slack: 'Slack',
};

/** The words for each status of a message to a channel. @public */
export const ALERT_DELIVERY_STATUS_LABELS: Readonly<
  Record<AlertDeliveryStatus, string>
> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** The words for what a message to a channel announces. @public */
export const DRIFT_ALERT_EVENT_LABELS: Readonly<
  Record<DriftAlertEvent, string>
> = {
  alert: 'Drift alert',
  stale: 'Stale',
  recovery: 'Recovery',
};
