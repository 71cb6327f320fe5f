/*
 * A real catalog backend for the benchmarks that read the catalog: the
 * generated organisation as one file location, each plugin on its own
 * database, and a wait until the catalog has ingested and stitched it all.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  allEntities,
  generateOrganisation,
  sampleOf,
  withCatalogRelations,
} from './organisation';

/** The kinds the organisation holds; the catalog is told to allow them. */
export const KINDS = [
  'Location',
  'Group',
  'User',
  'Resource',
  'Component',
  'MLUseCase',
  'MLModel',
  'MLMonitor',
];

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Gives each plugin its own database, as `knexFor` chooses it. */
export function databaseFactory(knexFor: (pluginId: string) => Promise<Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    async factory({ pluginMetadata }) {
      const knex = knexFor(pluginMetadata.getId());
      return { getClient: () => knex };
    },
  });
}

/** The relations the catalog should have stitched onto a sample of entities. */
function expectedRelations(n: number) {
  const org = generateOrganisation(n);
  const sample = [
    ...sampleOf(withCatalogRelations(allEntities(org)), 97),
    ...withCatalogRelations(allEntities(org)).slice(-3),
  ];
  return sample.map(entity => ({
    ref: `${entity.kind.toLocaleLowerCase('en-US')}:default/${
      entity.metadata.name
    }`,
    relations: entity.relations!.length,
  }));
}

/**
 * Waits until the catalog at `baseUrl` counts `total` entities and a sample
 * of every kind carries all of its relations; returns the seconds waited.
 */
export async function waitForIngestion(
  baseUrl: string,
  total: number,
  n: number,
) {
  const started = performance.now();
  const count = async (query: string) =>
    (
      await (
        await fetch(`${baseUrl}/api/catalog/entities/by-query?${query}&limit=1`)
      ).json()
    ).totalItems as number;
  for (;;) {
    const all = await count(
      KINDS.filter(k => k !== 'Location')
        .map(k => `filter=kind=${k}`)
        .join('&'),
    );
    if (all === total) break;
    await sleep(1000);
  }
  // Counted entities may still lack relations stitched from others; wait
  // for a sample of every kind to carry all of theirs.
  const expected = expectedRelations(n);
  for (;;) {
    const response = await fetch(`${baseUrl}/api/catalog/entities/by-refs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entityRefs: expected.map(e => e.ref),
        fields: ['relations'],
      }),
    });
    const { items } = await response.json();
    const missing = expected.filter(
      (e, i) => (items[i]?.relations?.length ?? -1) < e.relations,
    );
    if (missing.length === 0) break;
    await sleep(1000);
  }
  return (performance.now() - started) / 1000;
}
