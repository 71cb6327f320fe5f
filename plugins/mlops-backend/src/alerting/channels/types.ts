import type {
  AlertChannelType,
  DriftAlertMessage,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * Why a message did not reach its channel. `permanent` when trying again
 * cannot help until the configuration changes (a webhook missing from
 * app-config, no e-mail transport): the message fails at once instead of
 * being retried.
 */
export class AlertDeliveryError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options?: { permanent?: boolean }) {
    super(message);
    this.name = 'AlertDeliveryError';
    this.permanent = options?.permanent ?? false;
  }
}

/** One message to one channel, as a sender gets it. */
export interface OutgoingAlert {
  target: string;
  message: DriftAlertMessage;
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * Sends messages to the channels of one type. Resolves once the channel
 * accepted the message; rejects otherwise, with an
 * {@link AlertDeliveryError} whose message is safe to show to the
 * monitor's owner (no URL, no secret).
 */
export interface AlertChannelSender {
  readonly type: AlertChannelType;
  /** Who confirms a delivery, as the delivery log says. */
  readonly confirmedBy: 'receiver' | 'notifications-backend';
  send(alert: OutgoingAlert): Promise<void>;
}
