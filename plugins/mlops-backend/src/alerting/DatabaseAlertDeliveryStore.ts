import type { Knex } from 'knex';
import type {
  AlertDeliveryStore,
  AlertDeliveryRow,
  AttemptOutcome,
  ChannelLogRows,
  NewAlertDelivery,
} from './AlertDeliveryStore';

const DELIVERIES = 'mlops_alert_deliveries';

/** Dates go in as ISO strings (portable across SQLite and PostgreSQL) and come out as Dates. */
function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

function toRow(r: any): AlertDeliveryRow {
  return {
    id: Number(r.id),
    monitorRef: r.monitor_ref,
    episode: Number(r.episode),
    event: r.event,
    channelType: r.channel_type,
    channelTarget: r.channel_target,
    message: JSON.parse(r.message),
    createdAt: toDate(r.created_at),
    status: r.status,
    attempts: JSON.parse(r.attempts),
    nextAttemptAt: r.next_attempt_at ? toDate(r.next_attempt_at) : null,
    deliveredAt: r.delivered_at ? toDate(r.delivered_at) : null,
    lastError:
      r.last_error_at && r.last_error
        ? { at: toDate(r.last_error_at), message: r.last_error }
        : null,
  };
}

/**
 * Enqueues messages, each due at once; a message already enqueued for the
 * same monitor, episode, event and channel is left as it is, so that
 * re-evaluations and replicas enqueue it once. Called by the drift store in
 * the transaction that stores the monitor's new state.
 */
export async function enqueueAlertDeliveries(
  db: Knex | Knex.Transaction,
  deliveries: readonly NewAlertDelivery[],
): Promise<void> {
  if (!deliveries.length) return;
  await db(DELIVERIES)
    .insert(
      deliveries.map(d => ({
        monitor_ref: d.monitorRef,
        episode: d.episode,
        event: d.event,
        channel_type: d.channelType,
        channel_target: d.channelTarget,
        message: JSON.stringify(d.message),
        status: 'pending',
        attempts: '[]',
        created_at: d.createdAt.toISOString(),
        next_attempt_at: d.createdAt.toISOString(),
      })),
    )
    .onConflict([
      'monitor_ref',
      'episode',
      'event',
      'channel_type',
      'channel_target',
    ])
    .ignore();
}

/** Forgets the messages of monitors no longer in the catalog, with their state. */
export async function forgetAlertDeliveries(
  db: Knex | Knex.Transaction,
  monitorRefs: readonly string[],
): Promise<void> {
  if (!monitorRefs.length) return;
  await db(DELIVERIES)
    .whereIn('monitor_ref', monitorRefs as string[])
    .delete();
}

/** {@link AlertDeliveryStore} on the plugin's database, SQLite or PostgreSQL. */
export class DatabaseAlertDeliveryStore implements AlertDeliveryStore {
  constructor(private readonly db: Knex) {}

  async claimDue(options: {
    now: Date;
    until: Date;
    limit: number;
  }): Promise<AlertDeliveryRow[]> {
    const now = options.now.toISOString();
    const free = (q: Knex.QueryBuilder) =>
      q
        .where({ status: 'pending' })
        .where('next_attempt_at', '<=', now)
        .where(inner =>
          inner.whereNull('claimed_until').orWhere('claimed_until', '<', now),
        );
    const candidates = await free(this.db(DELIVERIES))
      .orderBy('next_attempt_at', 'asc')
      .orderBy('id', 'asc')
      .limit(options.limit)
      .select('id');
    const claimed: AlertDeliveryRow[] = [];
    for (const { id } of candidates) {
      // Only the worker whose update finds the message still free gets it.
      const updated = await free(this.db(DELIVERIES).where({ id })).update({
        claimed_until: options.until.toISOString(),
      });
      if (updated === 1) {
        const [row] = await this.db(DELIVERIES).where({ id });
        claimed.push(toRow(row));
      }
    }
    return claimed;
  }

  async recordAttempt(id: number, outcome: AttemptOutcome): Promise<void> {
    await this.db.transaction(async tx => {
      const [row] = await tx(DELIVERIES).where({ id }).select('attempts');
      if (!row) return;
      const attempts = JSON.parse(row.attempts);
      attempts.push({
        at: outcome.at.toISOString(),
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      });
      let status: string;
      if (outcome.error === undefined) status = 'delivered';
      else status = outcome.nextAttemptAt ? 'pending' : 'failed';
      await tx(DELIVERIES)
        .where({ id })
        .update({
          attempts: JSON.stringify(attempts),
          status,
          claimed_until: null,
          next_attempt_at: outcome.nextAttemptAt?.toISOString() ?? null,
          ...(outcome.error === undefined
            ? { delivered_at: outcome.at.toISOString() }
            : {
                last_error: outcome.error,
                last_error_at: outcome.at.toISOString(),
              }),
        });
    });
  }

  async channelLogs(
    monitorRef: string,
    recent: number,
  ): Promise<ChannelLogRows[]> {
    // The n newest rows of each channel matching a condition, in one query.
    const ranked = (
      where: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
      orderColumn: string,
      n: number,
    ) =>
      this.db
        .select('*')
        .from(
          where(
            this.db(DELIVERIES)
              .where({ monitor_ref: monitorRef })
              .select(
                '*',
                this.db.raw(
                  `row_number() over (partition by channel_type, channel_target order by ${orderColumn} desc, id desc) as rn`,
                ),
              ),
          ).as('ranked'),
        )
        .where('rn', '<=', n)
        .orderBy('id', 'desc');
    const [latest, delivered, failed] = await Promise.all([
      ranked(q => q, 'id', recent),
      ranked(q => q.where({ status: 'delivered' }), 'delivered_at', 1),
      ranked(q => q.whereNotNull('last_error_at'), 'last_error_at', 1),
    ]);
    const logs = new Map<string, ChannelLogRows>();
    const logOf = (row: AlertDeliveryRow) => {
      const key = `${row.channelType}\u0000${row.channelTarget}`;
      let log = logs.get(key);
      if (!log) {
        log = {
          channelType: row.channelType,
          channelTarget: row.channelTarget,
          recent: [],
        };
        logs.set(key, log);
      }
      return log;
    };
    for (const row of latest.map(toRow)) logOf(row).recent.push(row);
    for (const row of delivered.map(toRow)) logOf(row).lastDelivered = row;
    for (const row of failed.map(toRow)) logOf(row).lastFailed = row;
    return [...logs.values()];
  }

  async deleteFinishedBefore(before: Date): Promise<number> {
    return this.db(DELIVERIES)
      .whereIn('status', ['delivered', 'failed'])
      .where('created_at', '<', before.toISOString())
      .delete();
  }
}
