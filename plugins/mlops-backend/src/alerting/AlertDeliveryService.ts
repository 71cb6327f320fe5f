import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertChannelLog,
  AlertChannelType,
  AlertDelivery,
  AlertDeliveryLog,
  ALERT_CHANNEL_TYPES,
  isMLMonitorEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { EntityAccess } from '../shared/EntityAccess';
import type {
  AlertDeliveryRow,
  AlertDeliveryStore,
} from './AlertDeliveryStore';
import { AlertChannelSender, AlertDeliveryError } from './channels/types';

/** How the worker retries. */
export interface DeliveryPolicy {
  /** Attempts per message before it fails, the first included. */
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles after each. */
  initialBackoffMs: number;
  /** The longest wait between two attempts. */
  maxBackoffMs: number;
  /**
   * How long a worker holds a message it sends; longer than any send takes,
   * so that no other worker sends it meanwhile.
   */
  claimMs: number;
}

/** The defaults: 8 attempts over about an hour (30 s, 1, 2, 4, 8, 16, 32 min). */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  initialBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  claimMs: 5 * 60_000,
};

/** Messages claimed per round of the worker, sent side by side. */
const CLAIM_BATCH = 10;
/** Messages shown per channel in the delivery log. */
const RECENT_PER_CHANNEL = 10;

export interface AlertDeliveryServiceOptions {
  store: AlertDeliveryStore;
  senders: readonly AlertChannelSender[];
  catalog: CatalogService;
  auth: { getOwnServiceCredentials(): Promise<BackstageCredentials> };
  access: EntityAccess;
  logger: LoggerService;
  policy?: Partial<DeliveryPolicy>;
  /** The clock; tests move it. */
  now?: () => Date;
}

const channelKey = (type: string, target: string) => `${type}\u0000${target}`;

function toDelivery(row: AlertDeliveryRow): AlertDelivery {
  return {
    messageId: row.message.id,
    event: row.event,
    episode: row.episode,
    title: row.message.title,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attempts,
    ...(row.deliveredAt ? { deliveredAt: row.deliveredAt.toISOString() } : {}),
    ...(row.status === 'pending' && row.nextAttemptAt
      ? { nextAttemptAt: row.nextAttemptAt.toISOString() }
      : {}),
  };
}

/**
 * Sends the enqueued messages to their channels with retries and backoff,
 * and reads a monitor's delivery log.
 */
export class AlertDeliveryService {
  private readonly policy: DeliveryPolicy;
  private readonly now: () => Date;
  private readonly senders: Map<AlertChannelType, AlertChannelSender>;

  constructor(private readonly options: AlertDeliveryServiceOptions) {
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
    this.now = options.now ?? (() => new Date());
    this.senders = new Map(options.senders.map(s => [s.type, s]));
  }

  /** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
  backoffMs(attempts: number): number {
    return Math.min(
      this.policy.initialBackoffMs * 2 ** (attempts - 1),
      this.policy.maxBackoffMs,
    );
  }

  /**
   * Sends every message that is due, a batch at a time, until none is left;
   * what fails is retried later with backoff. Returns what happened.
   */
  async deliverDue(): Promise<{
    delivered: number;
    retrying: number;
    failed: number;
  }> {
    const counts = { delivered: 0, retrying: 0, failed: 0 };
    for (;;) {
      const now = this.now();
      const claimed = await this.options.store.claimDue({
        now,
        until: new Date(now.getTime() + this.policy.claimMs),
        limit: CLAIM_BATCH,
      });
      if (!claimed.length) return counts;
      const outcomes = await Promise.all(claimed.map(row => this.attempt(row)));
      for (const outcome of outcomes) counts[outcome] += 1;
    }
  }

  private async attempt(
    row: AlertDeliveryRow,
  ): Promise<'delivered' | 'retrying' | 'failed'> {
    const attempt = row.attempts.length + 1;
    let error: AlertDeliveryError | undefined;
    const sender = this.senders.get(row.channelType);
    try {
      if (!sender) {
        throw new AlertDeliveryError(
          `no sender for channel type ${row.channelType}`,
          { permanent: true },
        );
      }
      await sender.send({
        target: row.channelTarget,
        message: row.message,
        attempt,
      });
    } catch (e) {
      error =
        e instanceof AlertDeliveryError
          ? e
          : new AlertDeliveryError(String((e as Error)?.message ?? e));
    }
    const at = this.now();
    const channel = `${row.channelType} channel "${row.channelTarget}" of ${row.monitorRef}`;
    if (!error) {
      await this.options.store.recordAttempt(row.id, { at });
      this.options.logger.info(
        `Delivered ${row.message.id} to the ${channel} (attempt ${attempt})`,
      );
      return 'delivered';
    }
    const retry = !error.permanent && attempt < this.policy.maxAttempts;
    await this.options.store.recordAttempt(row.id, {
      at,
      error: error.message,
      ...(retry
        ? { nextAttemptAt: new Date(at.getTime() + this.backoffMs(attempt)) }
        : {}),
    });
    this.options.logger.warn(
      `Could not deliver ${
        row.message.id
      } to the ${channel} (attempt ${attempt}${
        retry ? '; will retry' : ', the last'
      }): ${error.message}`,
    );
    return retry ? 'retrying' : 'failed';
  }

  /**
   * The delivery log of a monitor the caller may read (a 404 otherwise, as
   * for its drift health): per channel it declares, or had messages for,
   * the last delivery, the last error and the latest messages.
   */
  async log(
    monitorRef: string,
    credentials: BackstageCredentials,
  ): Promise<AlertDeliveryLog> {
    const entity = (await this.options.access.canRead(monitorRef, credentials))
      ? await this.options.catalog.getEntityByRef(monitorRef, {
          credentials: await this.options.auth.getOwnServiceCredentials(),
        })
      : undefined;
    if (!entity || !isMLMonitorEntity(entity)) {
      throw new NotFoundError(`${monitorRef} is not in the catalog`);
    }
    const rows = await this.options.store.channelLogs(
      monitorRef,
      RECENT_PER_CHANNEL,
    );
    const byChannel = new Map(
      rows.map(r => [channelKey(r.channelType, r.channelTarget), r]),
    );
    const declared = entity.spec.alerting?.channels ?? [];
    const declaredKeys = new Set(
      declared.map(c => channelKey(c.type, c.target)),
    );
    const channels: AlertChannelLog[] = [
      ...declared.map(c => ({
        type: c.type,
        target: c.target,
        declared: true,
      })),
      ...rows
        .filter(
          r => !declaredKeys.has(channelKey(r.channelType, r.channelTarget)),
        )
        .map(r => ({
          type: r.channelType,
          target: r.channelTarget,
          declared: false,
        })),
    ]
      // A type no longer delivered is left out rather than mislabelled.
      .filter(c => (ALERT_CHANNEL_TYPES as readonly string[]).includes(c.type))
      .map(channel => {
        const log = byChannel.get(channelKey(channel.type, channel.target));
        const failed = log?.lastFailed;
        return {
          ...channel,
          confirmedBy:
            this.senders.get(channel.type)?.confirmedBy ?? 'receiver',
          ...(log?.lastDelivered
            ? { lastDelivery: toDelivery(log.lastDelivered) }
            : {}),
          ...(failed?.lastError
            ? {
                lastError: {
                  at: failed.lastError.at.toISOString(),
                  message: failed.lastError.message,
                  messageId: failed.message.id,
                },
              }
            : {}),
          recent: (log?.recent ?? []).map(toDelivery),
        };
      });
    return { monitor: monitorRef, channels };
  }
}
