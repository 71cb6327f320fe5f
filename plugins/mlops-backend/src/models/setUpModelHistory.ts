import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isMLModelEntity } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { refOf } from '../shared/entityRefs';
import { DatabaseModelHistoryStore } from './DatabaseModelHistoryStore';
import type { ModelHistoryStore } from './ModelHistoryStore';

/** The scheduled task that records model version and lifecycle changes. */
export const MODEL_HISTORY_TASK_ID = 'mlops-model-history';

/**
 * Records what the catalog declares of every model (version, lifecycle) on
 * a schedule, once per interval across replicas, so the portal keeps the
 * history the catalog itself forgets. Returns the store, for the readers
 * (the value markers).
 */
export async function setUpModelHistory(options: {
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<ModelHistoryStore> {
  const store = new DatabaseModelHistoryStore(options.knex);
  // The production changes of history recorded before they were stored.
  const backfilled = await store.backfill();
  if (backfilled) {
    options.logger.info(
      `Model history: stored ${backfilled} production changes of history recorded before them`,
    );
  }
  await options.scheduler.scheduleTask({
    id: MODEL_HISTORY_TASK_ID,
    scope: 'global',
    frequency: { minutes: 30 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      const { items } = await options.catalog.getEntities(
        {
          filter: { kind: 'MLModel' },
          fields: [
            'apiVersion',
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec',
          ],
        },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      const added = await store.record(
        items.filter(isMLModelEntity).map(model => ({
          modelRef: refOf(model),
          version: model.spec.version ?? null,
          lifecycle: model.spec.lifecycle,
        })),
        new Date(),
      );
      if (added.length) {
        options.logger.info(
          `Recorded ${added.length} model version or lifecycle changes`,
        );
      }
    },
  });
  return store;
}
