import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DEMO_GATE_HISTORY, DemoGateTrail } from './history';
import { seedGateHistory } from './seedGateHistory';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The demo portal's months of stage-gate history (./history.ts), written
 * once the catalog serves the entities it is about. A module of the mlops
 * plugin, so that it writes to the plugin's database (an in-memory SQLite
 * one in the demo); it exists in the demo backend only, never in the
 * published plugins, whose API keeps time-stamping every decision with the
 * server's clock. See docs/stage-gates.md#the-demo.
 */
export function createDemoGateHistoryModule(
  options: {
    history?: readonly DemoGateTrail[];
    /** How often the catalog is asked for the entities, and for how long. */
    pollMs?: number;
    timeoutMs?: number;
  } = {},
) {
  const history = options.history ?? DEMO_GATE_HISTORY;
  return createBackendModule({
    pluginId: 'mlops',
    moduleId: 'demo-gate-history',
    register(reg) {
      reg.registerInit({
        deps: {
          database: coreServices.database,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          logger: coreServices.logger,
          lifecycle: coreServices.lifecycle,
        },
        async init({ database, catalog, auth, logger, lifecycle }) {
          const refs = history.map(t => t.entityRef);
          const seed = async () => {
            // After the plugin's start: its migrations have created the tables.
            const knex = await database.getClient();
            const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
            for (;;) {
              const { items } = await catalog
                .getEntitiesByRefs(
                  { entityRefs: refs },
                  { credentials: await auth.getOwnServiceCredentials() },
                )
                .catch(() => ({ items: [] as (Entity | undefined)[] }));
              const complete =
                items.length === refs.length && items.every(Boolean);
              if (complete || Date.now() > deadline) {
                const entities = new Map<string, Entity>();
                items.forEach((item, i) => {
                  if (item) entities.set(refs[i], item);
                });
                const { seeded, skipped } = await seedGateHistory({
                  knex,
                  history,
                  entities,
                  now: new Date(),
                });
                logger.info(
                  `Demo gate history written for ${seeded.length} entities${
                    skipped.length
                      ? `; left alone (gate events already, or not in the catalog): ${skipped.join(
                          ', ',
                        )}`
                      : ''
                  }`,
                );
                return;
              }
              await sleep(options.pollMs ?? 3000);
            }
          };
          lifecycle.addStartupHook(() => {
            // In the background: the backend does not wait for the catalog.
            seed().catch(error =>
              logger.error(`Demo gate history not written: ${error}`),
            );
          });
        },
      });
    },
  });
}

/** The demo backend's module with the demo's history. */
export const demoGateHistoryModule = createDemoGateHistoryModule();
