import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import {
  allEntities,
  generateOrganisation,
  withCatalogRelations,
} from '../../bench/organisation';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { EntityAccess } from '../shared/EntityAccess';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { rubricFromConfig } from './rubricFromConfig';
import { ScorecardService } from './ScorecardService';
import type { ScorecardChange } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const now = new Date('2026-11-20T12:00:00Z');

/** The benchmark organisation at a small size: groups, users, datasets, serving components and 200 ML entities related to each other. */
const organisation = withCatalogRelations(
  allEntities(generateOrganisation(200)),
);

async function newStore() {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  return new DatabaseScorecardStore(knex);
}

/** The service over a catalog of `entities`, storing in `store`. */
function serviceOver(
  entities: Entity[],
  store: DatabaseScorecardStore,
  pageSize: number,
  catalog = catalogServiceMock({ entities }),
) {
  const changes: ScorecardChange[] = [];
  const service = new ScorecardService({
    store,
    catalog,
    auth: mockServices.auth(),
    access: new EntityAccess(mockServices.permissions(), catalog),
    logger: mockServices.logger.mock(),
    ...rubricFromConfig(new ConfigReader({}), []),
    factSources: [],
    onChanges: async page => {
      changes.push(...page);
    },
    clock: () => now,
    pageSize,
  });
  return { service, changes };
}

describe('ScorecardService.refreshAll', () => {
  it("stores the same scorecards whatever the size of the catalog's pages", async () => {
    const [wholeStore, pagedStore] = await Promise.all([
      newStore(),
      newStore(),
    ]);
    const whole = serviceOver(organisation, wholeStore, 10_000);
    const paged = serviceOver(organisation, pagedStore, 7);
    const [wholeSummary, pagedSummary] = await Promise.all([
      whole.service.refreshAll('test'),
      paged.service.refreshAll('test'),
    ]);
    expect(pagedSummary.entityCount).toBe(200);
    expect(pagedSummary.changedCount).toBe(200);
    expect(wholeSummary).toMatchObject({
      entityCount: 200,
      changedCount: 200,
    });
    const [a, b] = await Promise.all([
      wholeStore.listScorecards(),
      pagedStore.listScorecards(),
    ]);
    expect(b).toHaveLength(200);
    expect(b).toEqual(a);
    // The checks that look across entities (use case ↔ model ↔ monitor,
    // datasets, serving components, owners) passed for some entities, so
    // the comparison covers what lies on other pages.
    const passedAcrossEntities = b.flatMap(s =>
      s.results.filter(
        r =>
          r.outcome === 'passed' &&
          /monitor|use-case|dataset|serving|owner/.test(r.checkId),
      ),
    );
    expect(passedAcrossEntities.length).toBeGreaterThan(100);
    // Every change is told once.
    expect(new Set(paged.changes.map(c => c.current.entityRef)).size).toBe(200);
    expect(paged.changes).toHaveLength(200);
  });

  it('drops the scorecards of entities gone from the catalog after a full run', async () => {
    const store = await newStore();
    await serviceOver(organisation, store, 50).service.refreshAll('test');
    const gone = organisation.find(e => e.kind === 'MLMonitor')!;
    const again = serviceOver(
      organisation.filter(e => e !== gone),
      store,
      50,
    ).service;
    const summary = await again.refreshAll('test');
    expect(summary.entityCount).toBe(199);
    const refs = (await store.listSummaries()).map(s => s.entityRef);
    expect(refs).toHaveLength(199);
    expect(refs).not.toContain(
      `mlmonitor:default/${gone.metadata.name}`.toLowerCase(),
    );
  });

  it('asks again for a page the catalog failed to send, from the same cursor', async () => {
    const catalog = catalogServiceMock({ entities: organisation });
    const query = catalog.queryEntities.bind(catalog);
    const requests: Array<string | undefined> = [];
    let failed = false;
    catalog.queryEntities = async (request, options) => {
      const cursor =
        request && 'cursor' in request ? request.cursor : undefined;
      requests.push(cursor);
      if (cursor && !failed) {
        failed = true;
        throw Object.assign(new Error('read ECONNRESET'), {
          code: 'ECONNRESET',
        });
      }
      return query(request, options);
    };
    const store = await newStore();
    const { service } = serviceOver(organisation, store, 50, catalog);
    const summary = await service.refreshAll('test');
    expect(failed).toBe(true);
    expect(summary.entityCount).toBe(200);
    expect(await store.listSummaries()).toHaveLength(200);
    // The failed cursor was asked for twice, and no page was skipped.
    const cursors = requests.filter(Boolean);
    expect(cursors[0]).toBe(cursors[1]);
  });
});
