import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  isMLUseCaseEntity,
  MLUseCaseEntityV1alpha1,
  nextCheckInDue,
} from '@mlightenment/backstage-plugin-mlops-common';
import { entityPath, normalizeRef, refOf } from '../shared/entityRefs';
import type { KpiStore } from './KpiStore';
import { CurrentKpi, currentKpisOf, isoDay } from './view';

/** The notification topic of business value, for users' notification settings. */
export const VALUE_NOTIFICATION_TOPIC = 'mlops-value';

/** A reminder a KPI calls for now, keyed by the period it is about. */
export interface ValueReminder {
  /** Once per scope across replicas; also the notification's scope. */
  scope: string;
  kind: 'check-in-due' | 'check-in-overdue' | 'off-track';
  useCaseRef: string;
  kpiId: string;
  recipients: string[];
  title: string;
  description: string;
  link: string;
  severity: 'normal' | 'high';
}

/**
 * The reminders one KPI of a production use case calls for at `now`: a
 * check-in due once the period after the latest one has ended (or, with no
 * actual yet, once), overdue once its grace has passed too, and off track
 * once per latest period that is worse than the baseline. Check-in
 * reminders go to the sponsor (the owner when there is none); off track to
 * sponsor and owner.
 */
export function remindersOf(
  useCase: MLUseCaseEntityV1alpha1,
  kpi: CurrentKpi,
  now: Date,
): ValueReminder[] {
  const useCaseRef = refOf(useCase);
  const title = useCase.metadata.title ?? useCase.metadata.name;
  const sponsor = useCase.spec.sponsor
    ? normalizeRef(useCase.spec.sponsor, { defaultKind: 'User' })
    : undefined;
  const owner = normalizeRef(useCase.spec.owner, { defaultKind: 'Group' });
  const checkInTo = [sponsor ?? owner];
  const link = entityPath(useCaseRef, 'value');
  const base = { useCaseRef, kpiId: kpi.id, link };
  const reminders: ValueReminder[] = [];
  const latestEnd = kpi.latest?.periodEnd;
  if (kpi.status === 'overdue' && latestEnd) {
    reminders.push({
      ...base,
      kind: 'check-in-overdue',
      scope: `mlops-value:overdue:${useCaseRef}:${kpi.id}:${latestEnd}`,
      recipients: checkInTo,
      title: `Check-in overdue: ${kpi.kpi} of ${title}`,
      description: `No actual of ${
        kpi.kpi
      } since the period ending ${latestEnd}; the next was due on ${nextCheckInDue(
        kpi.cadence,
        latestEnd,
      )}.`,
      severity: 'high',
    });
  } else if (!latestEnd) {
    reminders.push({
      ...base,
      kind: 'check-in-due',
      scope: `mlops-value:due:${useCaseRef}:${kpi.id}:first`,
      recipients: checkInTo,
      title: `Check-in due: ${kpi.kpi} of ${title}`,
      description: `${title} is in production and ${kpi.kpi} has no actual yet: record one so its sponsor can tell whether it pays off.`,
      severity: 'normal',
    });
  } else if (nextCheckInDue(kpi.cadence, latestEnd) <= isoDay(now)) {
    const due = nextCheckInDue(kpi.cadence, latestEnd);
    reminders.push({
      ...base,
      kind: 'check-in-due',
      scope: `mlops-value:due:${useCaseRef}:${kpi.id}:${due}`,
      recipients: checkInTo,
      title: `Check-in due: ${kpi.kpi} of ${title}`,
      description: `The period after ${latestEnd} has ended: record the actual of ${kpi.kpi}.`,
      severity: 'normal',
    });
  }
  // Worse than the baseline, also when the next check-in is late.
  if (
    latestEnd &&
    (kpi.status === 'off-track' ||
      (kpi.progress !== undefined && kpi.progress < 0))
  ) {
    reminders.push({
      ...base,
      kind: 'off-track',
      scope: `mlops-value:off-track:${useCaseRef}:${kpi.id}:${latestEnd}`,
      recipients: [...new Set([...(sponsor ? [sponsor] : []), owner])],
      title: `${kpi.kpi} of ${title} is off track`,
      description:
        kpi.status === 'off-track'
          ? kpi.reason
          : `The actual for the period ending ${latestEnd} is worse than the baseline.`,
      severity: 'high',
    });
  }
  return reminders;
}

/**
 * Sends the reminders the KPIs of production use cases call for, each once:
 * a reminder is claimed in the store before it is sent, so two backends on
 * one database send it once between them.
 */
export async function sendValueReminders(options: {
  store: KpiStore;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  logger: LoggerService;
  now: Date;
}): Promise<number> {
  const { store, notifications, now } = options;
  const { items } = await options.catalog.getEntities(
    { filter: { kind: 'MLUseCase', 'spec.lifecycle': 'production' } },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  const useCases = items.filter(isMLUseCaseEntity);
  const kpisOf = currentKpisOf(
    useCases,
    useCases.length ? await store.recentActuals(useCases.map(refOf)) : [],
    now,
  );
  let sent = 0;
  for (const useCase of useCases) {
    for (const kpi of kpisOf.get(refOf(useCase)) ?? []) {
      for (const reminder of remindersOf(useCase, kpi, now)) {
        if (!(await store.claimReminder(reminder.scope, now))) continue;
        try {
          await notifications.send({
            recipients: { type: 'entity', entityRef: reminder.recipients },
            payload: {
              title: reminder.title,
              description: reminder.description,
              link: reminder.link,
              severity: reminder.severity,
              topic: VALUE_NOTIFICATION_TOPIC,
              scope: reminder.scope,
            },
          });
          sent += 1;
        } catch (error) {
          options.logger.warn(
            `Could not send the reminder ${reminder.scope}: ${error}`,
          );
        }
      }
    }
  }
  return sent;
}
