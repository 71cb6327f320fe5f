import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@mlightenment/backstage-plugin-mlops-backend',
  'migrations',
);

/** Brings the plugin's tables up to date, unless migrations are turned off for the plugin. */
export async function applyDatabaseMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}

/** The migrations directory, for tests that migrate up and down. */
export const MIGRATIONS_DIRECTORY = migrationsDir;
