import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { AlertChannelSender, AlertDeliveryError, OutgoingAlert } from './types';

/** Where Backstage's Slack notification processor reads its workspaces. */
export const SLACK_CONFIG_KEY = 'notifications.processors.slack';

/**
 * Hands a message to Backstage's Slack notification processor
 * (`@backstage/plugin-notifications-backend-module-slack`) through the
 * notifications backend: a notification whose `metadata.slackChannel` names
 * the channel, addressed to the monitor alone and excluding it again, so
 * that the processor posts it to the channel once and no user receives it
 * in Backstage (the alert routing's notification does that). Delivered once
 * the notifications backend accepted it; the processor logs an error of
 * Slack's own instead of reporting it, so the delivery log cannot show it.
 */
export class SlackSender implements AlertChannelSender {
  readonly type = 'slack' as const;
  readonly confirmedBy = 'notifications-backend' as const;

  constructor(
    private readonly notifications: NotificationService,
    private readonly configured: boolean,
    private readonly topic: string,
  ) {}

  static fromConfig(
    config: Config,
    notifications: NotificationService,
    topic: string,
  ): SlackSender {
    const workspaces = config.getOptionalConfigArray(SLACK_CONFIG_KEY) ?? [];
    return new SlackSender(notifications, workspaces.length > 0, topic);
  }

  async send({ target, message }: OutgoingAlert): Promise<void> {
    if (!this.configured) {
      throw new AlertDeliveryError(
        `Slack channels are posted by Backstage's Slack notification processor: install @backstage/plugin-notifications-backend-module-slack in the backend and configure ${SLACK_CONFIG_KEY}`,
        { permanent: true },
      );
    }
    const monitor = message.monitor.entityRef;
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: monitor,
          excludeEntityRef: monitor,
        },
        payload: {
          title: message.title,
          description: message.summary,
          link: message.monitor.url,
          severity: message.severity,
          topic: this.topic,
          metadata: { slackChannel: target },
        },
      });
    } catch (error) {
      throw new AlertDeliveryError(
        `the notifications backend did not take the message: ${
          (error as Error).message
        }`,
      );
    }
  }
}
