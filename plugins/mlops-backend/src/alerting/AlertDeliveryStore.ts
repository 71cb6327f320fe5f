import type {
  AlertChannelType,
  AlertDeliveryAttempt,
  AlertDeliveryStatus,
  DriftAlertEvent,
  DriftAlertMessage,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A message to enqueue for one channel of a monitor. */
export interface NewAlertDelivery {
  monitorRef: string;
  episode: number;
  event: DriftAlertEvent;
  channelType: AlertChannelType;
  channelTarget: string;
  message: DriftAlertMessage;
  createdAt: Date;
}

/** A stored message to one channel, with its attempts. */
export interface AlertDeliveryRow extends NewAlertDelivery {
  id: number;
  status: AlertDeliveryStatus;
  attempts: AlertDeliveryAttempt[];
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  lastError: { at: Date; message: string } | null;
}

/** What the delivery log of one channel is read from. */
export interface ChannelLogRows {
  channelType: AlertChannelType;
  channelTarget: string;
  recent: AlertDeliveryRow[];
  lastDelivered?: AlertDeliveryRow;
  lastFailed?: AlertDeliveryRow;
}

/** The outcome of one attempt, as the worker records it. */
export interface AttemptOutcome {
  at: Date;
  /** Absent when the channel accepted the message. */
  error?: string;
  /** When to try again; absent when no attempt follows (delivered or failed). */
  nextAttemptAt?: Date;
}

/**
 * The outbox of alert messages and their delivery log. Messages are
 * enqueued by the drift store in the transaction that stores a monitor's
 * new state (see `enqueueAlertDeliveries`).
 */
export interface AlertDeliveryStore {
  /**
   * Claims up to `limit` pending messages due at `now` that no other worker
   * holds, for the worker to send until `until`. A message is claimed by one
   * worker at a time, across replicas.
   */
  claimDue(options: {
    now: Date;
    until: Date;
    limit: number;
  }): Promise<AlertDeliveryRow[]>;
  /** Records an attempt on a claimed message and releases the claim. */
  recordAttempt(id: number, outcome: AttemptOutcome): Promise<void>;
  /**
   * A monitor's delivery log, per channel that has messages: the latest
   * `recent` messages (newest first), the last one delivered, and the last
   * one with a failed attempt.
   */
  channelLogs(monitorRef: string, recent: number): Promise<ChannelLogRows[]>;
  /** Deletes delivered and failed messages created before `before`. */
  deleteFinishedBefore(before: Date): Promise<number>;
}
