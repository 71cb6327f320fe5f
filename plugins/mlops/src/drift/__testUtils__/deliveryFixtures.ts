import type { AlertDeliveryLog } from '@mlightenment/backstage-plugin-mlops-common';

const MONITOR = 'mlmonitor:default/churn-gbm-drift';

/**
 * The delivery log of churn-gbm-drift: its webhook took the alert at the
 * third attempt, its e-mail address is refused by the mail server, its Slack
 * channel got the alert through the notifications backend, and a channel it
 * no longer declares kept its log.
 */
export const churnDeliveryLog: AlertDeliveryLog = {
  monitor: MONITOR,
  channels: [
    {
      type: 'webhook',
      target: 'ml-platform-oncall',
      declared: true,
      confirmedBy: 'receiver',
      lastDelivery: {
        messageId: `${MONITOR}:episode-3:alert`,
        event: 'alert',
        episode: 3,
        title: 'Churn GBM drift: drift alert',
        status: 'delivered',
        createdAt: '2026-12-08T10:00:00.000Z',
        attempts: [
          {
            at: '2026-12-08T10:00:00.000Z',
            error: 'the webhook answered 503 Service Unavailable',
          },
          {
            at: '2026-12-08T10:00:30.000Z',
            error: 'the webhook answered 500 Internal Server Error',
          },
          { at: '2026-12-08T10:01:30.000Z' },
        ],
        deliveredAt: '2026-12-08T10:01:30.000Z',
      },
      lastError: {
        at: '2026-12-08T10:00:30.000Z',
        message: 'the webhook answered 500 Internal Server Error',
        messageId: `${MONITOR}:episode-3:alert`,
      },
      recent: [],
    },
    {
      type: 'email',
      target: 'retention-analytics@example.com',
      declared: true,
      confirmedBy: 'receiver',
      lastError: {
        at: '2026-12-08T10:00:00.000Z',
        message: 'the mail server answered 550 5.1.1 No such mailbox',
        messageId: `${MONITOR}:episode-3:alert`,
      },
      recent: [],
    },
    {
      type: 'slack',
      target: '#churn-alerts',
      declared: true,
      confirmedBy: 'notifications-backend',
      recent: [],
    },
    {
      type: 'webhook',
      target: 'old-oncall',
      declared: false,
      confirmedBy: 'receiver',
      recent: [],
    },
  ],
};

// The latest message of each channel.
churnDeliveryLog.channels[0].recent = [
  churnDeliveryLog.channels[0].lastDelivery!,
];
churnDeliveryLog.channels[1].recent = [
  {
    messageId: `${MONITOR}:episode-3:alert`,
    event: 'alert',
    episode: 3,
    title: 'Churn GBM drift: drift alert',
    status: 'failed',
    createdAt: '2026-12-08T10:00:00.000Z',
    attempts: [
      {
        at: '2026-12-08T10:00:00.000Z',
        error: 'the mail server answered 550 5.1.1 No such mailbox',
      },
    ],
  },
];
churnDeliveryLog.channels[2].recent = [
  {
    messageId: `${MONITOR}:episode-3:stale`,
    event: 'stale',
    episode: 3,
    title: 'Churn GBM drift: stale',
    status: 'pending',
    createdAt: '2026-12-09T10:00:00.000Z',
    attempts: [
      {
        at: '2026-12-09T10:00:00.000Z',
        error: 'the notifications backend did not take the message: 503',
      },
    ],
    nextAttemptAt: '2026-12-09T10:00:30.000Z',
  },
];
