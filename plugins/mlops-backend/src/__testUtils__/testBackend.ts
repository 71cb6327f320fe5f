import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  BackendFeature,
  createServiceFactory,
  PermissionsService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { mlopsPlugin } from '../plugin';

// The route tests' backend: the mlops plugin on a test database, the catalog
// in memory, notifications and MCP actions captured for the test to read.
// Starting it (the plugin's set-up and migrations) is what a route test
// spends most of its time on, so a test file starts one per database and
// empties it before each test; a test that needs other configuration or
// other services starts a backend of its own with startMlopsBackend.

type Permissions = ReturnType<typeof mockServices.permissions.mock>;

/** The permission decisions a backend starts with: by default, all allowed. */
export type PermissionDecisions = {
  authorize?: PermissionsService['authorize'];
  authorizeConditional?: PermissionsService['authorizeConditional'];
};

export type MlopsBackendOptions = {
  knex: Knex;
  /** The catalog's entities. */
  entities?: Entity[];
  /** The `mlops` section of the configuration. */
  mlops?: JsonObject;
  /** Configuration beside `mlops` (backend, auth). */
  config?: JsonObject;
  permissions?: PermissionDecisions;
  /** Further features; a service given here replaces this backend's own. */
  features?: BackendFeature[];
};

const allowAll: Required<PermissionDecisions> = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
};

/** A catalog whose entities a test can replace while the backend runs. */
function replaceableCatalog(entities: Entity[]) {
  let catalog = catalogServiceMock({ entities });
  const service = new Proxy({} as ReturnType<typeof catalogServiceMock>, {
    get: (_, name) => {
      const value = (catalog as any)[name];
      return typeof value === 'function' ? value.bind(catalog) : value;
    },
  });
  return {
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => service,
    }),
    /** The catalog serves these (the same objects: a test may change them). */
    set(next: Entity[]) {
      catalog = catalogServiceMock({ entities: next });
    },
  };
}

function usePermissions(
  permissions: Permissions,
  decisions: PermissionDecisions = {},
) {
  permissions.authorize.mockImplementation(
    decisions.authorize ?? allowAll.authorize,
  );
  permissions.authorizeConditional.mockImplementation(
    decisions.authorizeConditional ?? allowAll.authorizeConditional,
  );
}

/** The service a feature implements, if it is a service factory. */
function serviceIdOf(feature: BackendFeature): string | undefined {
  return (feature as { service?: { id: string } }).service?.id;
}

/** A running test backend and what it captured. */
export interface MlopsTestBackend {
  server: Server;
  knex: Knex;
  /** The notifications the plugin sent. */
  sent: NotificationSendOptions[];
  logger: ReturnType<typeof mockServices.logger.mock>;
  permissions: Permissions;
  actionsRegistry: ReturnType<typeof actionsRegistryServiceMock>;
  /** The catalog serves these (the same objects: a test may change them). */
  setEntities(entities: Entity[]): void;
  /** Runs the scheduled tasks that run as the backend starts, as then. */
  runStartupTasks(): Promise<void>;
  /** Runs one scheduled task now, as the scheduler would. */
  runTask(id: string): Promise<void>;
}

/** Starts the mlops plugin on `knex`; stopped after the test file. */
export async function startMlopsBackend(
  options: MlopsBackendOptions,
): Promise<MlopsTestBackend> {
  const sent: NotificationSendOptions[] = [];
  const catalog = replaceableCatalog(options.entities ?? []);
  const actionsRegistry = actionsRegistryServiceMock();
  // The plugin's logger and its children, to read its warnings.
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);
  const permissions = mockServices.permissions.mock();
  usePermissions(permissions, options.permissions);
  // The tasks the scheduler runs as the backend starts, to run them again
  // when a test starts from empty tables.
  // (The mock scheduler's class is not exported: its factory, typed here.)
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory;
  };
  const startupTasks: string[] = [];
  const scheduleTask = scheduler.scheduleTask.bind(scheduler);
  scheduler.scheduleTask = async task => {
    const manual =
      'trigger' in task.frequency && task.frequency.trigger === 'manual';
    if (!task.initialDelay && !manual) startupTasks.push(task.id);
    await scheduleTask(task);
  };
  const features = options.features ?? [];
  const given = new Set(features.map(serviceIdOf).filter(Boolean));
  const defaults: BackendFeature[] = [
    catalog.factory,
    mockServices.database.factory({ knex: options.knex }),
    mockServices.rootConfig.factory({
      data: { ...options.config, mlops: options.mlops ?? {} },
    }),
    logger.factory,
    permissions.factory,
    scheduler.factory(),
    createServiceFactory({
      service: actionsRegistryServiceRef,
      deps: {},
      factory: () => actionsRegistry,
    }),
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        async send(notification: NotificationSendOptions) {
          sent.push(notification);
        },
      }),
    }),
  ];
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      ...defaults.filter(feature => !given.has(serviceIdOf(feature))),
      ...features,
    ],
  });
  return {
    server,
    knex: options.knex,
    sent,
    logger,
    permissions,
    actionsRegistry,
    setEntities: catalog.set,
    async runStartupTasks() {
      await Promise.all(startupTasks.map(id => scheduler.triggerTask(id)));
    },
    runTask: id => scheduler.triggerTask(id),
  };
}

/**
 * The plugin's tables, each after the tables whose rows refer to its rows,
 * so that deleting in this order breaks no foreign key.
 */
async function tablesInDeletionOrder(knex: Knex, postgres: boolean) {
  const rows: Array<{ name: string }> = postgres
    ? (
        await knex.raw(
          'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()',
        )
      ).rows
    : await knex.raw(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      );
  const tables = rows
    .map(row => row.name)
    .filter(name => !name.startsWith('knex_migrations'));
  const references: Array<{ child: string; parent: string }> = [];
  for (const child of tables) {
    const keys: Array<{ table: string }> = postgres
      ? []
      : await knex.raw('SELECT "table" FROM pragma_foreign_key_list(?)', [
          child,
        ]);
    references.push(...keys.map(key => ({ child, parent: key.table })));
  }
  if (postgres) {
    const keys = await knex.raw(
      `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
       FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
    );
    references.push(...keys.rows);
  }
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const { child, parent } of references) {
      if (parent === table && child !== table) visit(child, [...path, table]);
    }
    ordered.push(table);
  };
  tables.forEach(table => visit(table, []));
  return ordered;
}

/**
 * Every table of the plugin emptied, ids starting again from 1. DELETE,
 * not TRUNCATE: on a few rows it takes milliseconds where PostgreSQL's
 * TRUNCATE of two dozen tables takes about half a second.
 */
async function emptyTables(knex: Knex) {
  const client = knex.client.config.client;
  const postgres = client === 'pg' || client === 'postgresql';
  const tables = await tablesInDeletionOrder(knex, postgres);
  await knex.transaction(async tx => {
    for (const table of tables) await tx(table).delete();
    if (postgres) {
      await tx.raw(
        `SELECT setval(pg_get_serial_sequence(quote_ident(table_name), column_name), 1, false)
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_default LIKE 'nextval%'
           AND table_name NOT LIKE 'knex_migrations%'`,
      );
    } else if (await tx.schema.hasTable('sqlite_sequence')) {
      await tx('sqlite_sequence').delete();
    }
  });
}

/**
 * One backend for the tests of a `describe` on one database, started before
 * them. Before each test it is as if just started: its tables are emptied,
 * the catalog serves `entities()` again, the scheduled tasks that run at
 * start run again, the captured notifications and log calls are cleared
 * and the permission decisions are the given ones again. Read its fields
 * inside a test (or a hook), once it has started.
 */
export function useMlopsBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: Omit<MlopsBackendOptions, 'knex' | 'entities'> & {
    entities?: () => Entity[];
  } = {},
): MlopsTestBackend & { readonly entities: Entity[] } {
  let backend: MlopsTestBackend | undefined;
  let entities: Entity[] = [];
  beforeAll(async () => {
    backend = await startMlopsBackend({
      ...options,
      knex: await databases.init(databaseId),
      entities: options.entities?.(),
    });
  });
  beforeEach(async () => {
    const started = backend!;
    await emptyTables(started.knex);
    entities = options.entities?.() ?? [];
    started.setEntities(entities);
    await started.runStartupTasks();
    started.sent.length = 0;
    jest.mocked(started.logger.warn).mockClear();
    jest.mocked(started.logger.error).mockClear();
    usePermissions(started.permissions, options.permissions);
  });
  const current = () => {
    if (!backend) throw new Error('The test backend has not started yet');
    return backend;
  };
  return {
    get server() {
      return current().server;
    },
    get knex() {
      return current().knex;
    },
    get sent() {
      return current().sent;
    },
    get logger() {
      return current().logger;
    },
    get permissions() {
      return current().permissions;
    },
    get actionsRegistry() {
      return current().actionsRegistry;
    },
    get entities() {
      return entities;
    },
    setEntities(next: Entity[]) {
      entities = next;
      current().setEntities(next);
    },
    runStartupTasks: () => current().runStartupTasks(),
    runTask: id => current().runTask(id),
  };
}
