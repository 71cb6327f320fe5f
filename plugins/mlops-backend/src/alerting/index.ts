import {
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { durationToMilliseconds } from '@backstage/types';
import type { Knex } from 'knex';
import type { EntityAccess } from '../shared/EntityAccess';
import {
  AlertDeliveryService,
  DEFAULT_DELIVERY_POLICY,
  DeliveryPolicy,
} from './AlertDeliveryService';
import { EmailSender, readMailer } from './channels/email';
import { SlackSender } from './channels/slack';
import { readWebhooks, WebhookSender } from './channels/webhook';
import { DatabaseAlertDeliveryStore } from './DatabaseAlertDeliveryStore';
import { createAlertingRouter } from './router';

/** The id of the scheduled task that sends the messages to alert channels. */
export const ALERT_DELIVERY_TASK_ID = 'mlops-alert-delivery';

const DAY = 86_400_000;

/** What alert delivery needs from the plugin. */
export interface AlertingSetupOptions {
  config: RootConfigService;
  logger: LoggerService;
  knex: Knex;
  scheduler: SchedulerService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  access: EntityAccess;
  /** The topic of the drift notifications; Slack messages carry it too. */
  topic: string;
}

/** What the drift evaluation tells alert delivery. */
export interface Alerting {
  /** Messages were enqueued: send them now rather than at the next run. */
  trigger(): void;
}

function readPolicy(config: RootConfigService): DeliveryPolicy {
  const delivery = config.getOptionalConfig('mlops.alerting.delivery');
  const duration = (key: string, fallback: number) =>
    delivery?.has(key)
      ? durationToMilliseconds(readDurationFromConfig(delivery, { key }))
      : fallback;
  const maxAttempts =
    delivery?.getOptionalNumber('maxAttempts') ??
    DEFAULT_DELIVERY_POLICY.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(
      `mlops.alerting.delivery.maxAttempts: must be a whole number of at least 1, got ${maxAttempts}`,
    );
  }
  return {
    maxAttempts,
    initialBackoffMs: duration(
      'initialBackoff',
      DEFAULT_DELIVERY_POLICY.initialBackoffMs,
    ),
    maxBackoffMs: duration('maxBackoff', DEFAULT_DELIVERY_POLICY.maxBackoffMs),
    claimMs: DEFAULT_DELIVERY_POLICY.claimMs,
  };
}

/**
 * Alert delivery: the senders of the three channel types (webhooks from
 * `mlops.alerting.webhooks`, e-mail over the transport of the notifications
 * e-mail processor, Slack through the notifications backend's Slack
 * processor), the worker that sends the enqueued messages with retries once
 * per interval across replicas, retention of the delivery log, and its
 * route. A webhook configured wrongly stops the start, naming the key.
 */
export async function setUpAlerting(
  deps: AlertingSetupOptions,
): Promise<Alerting> {
  const { config, logger, scheduler } = deps;
  const store = new DatabaseAlertDeliveryStore(deps.knex);
  const service = new AlertDeliveryService({
    store,
    senders: [
      new WebhookSender(readWebhooks(config)),
      new EmailSender(readMailer(config)),
      SlackSender.fromConfig(config, deps.notifications, deps.topic),
    ],
    catalog: deps.catalog,
    auth: deps.auth,
    access: deps.access,
    logger,
    policy: readPolicy(config),
  });
  const delivery = config.getOptionalConfig('mlops.alerting.delivery');
  const retentionDays = delivery?.getOptionalNumber('retentionDays') ?? 90;

  await scheduler.scheduleTask({
    id: ALERT_DELIVERY_TASK_ID,
    scope: 'global',
    ...(delivery?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          delivery.getConfig('schedule'),
        )
      : {
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
        }),
    fn: async () => {
      await service.deliverDue();
      const deleted = await store.deleteFinishedBefore(
        new Date(Date.now() - retentionDays * DAY),
      );
      if (deleted) {
        logger.info(`Alert delivery log: ${deleted} old messages deleted`);
      }
    },
  });

  deps.httpRouter.use(
    createAlertingRouter({ service, httpAuth: deps.httpAuth }),
  );
  return {
    trigger() {
      // Already running (a conflict) is fine: the next run sends them.
      scheduler.triggerTask(ALERT_DELIVERY_TASK_ID).catch(error => {
        logger.debug(`Alert delivery not triggered: ${error}`);
      });
    },
  };
}

export { AlertDeliveryService } from './AlertDeliveryService';
export type { AlertDeliveryStore } from './AlertDeliveryStore';
export { DatabaseAlertDeliveryStore } from './DatabaseAlertDeliveryStore';
