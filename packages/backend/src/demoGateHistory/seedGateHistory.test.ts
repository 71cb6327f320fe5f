import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mlopsPlugin from '@mlightenment/backstage-plugin-mlops-backend';
import request from 'supertest';
import { createDemoGateHistoryModule } from './module';
import { DEMO_GATE_HISTORY } from './history';
import { seedGateHistory } from './seedGateHistory';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../../..');
const DAY = 86_400_000;

/** The demo catalog, as the demo portal registers it. */
const entities: Entity[] = fs
  .readdirSync(path.join(ROOT, 'catalog'))
  .filter(file => file.endsWith('.yaml'))
  .flatMap(file =>
    parseAllDocuments(
      fs.readFileSync(path.join(ROOT, 'catalog', file), 'utf8'),
    ).map(doc => doc.toJS() as Entity),
  )
  .filter(entity => entity && entity.kind !== 'Location')
  .map(entity => ({
    ...entity,
    metadata: { namespace: 'default', ...entity.metadata },
  }));

/** The demo portal's stage-gate configuration. */
const gatesConfig = parseAllDocuments(
  fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
)[0].toJS().mlops.gates;

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the demo gate history on %s',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          mlopsPlugin,
          createDemoGateHistoryModule({ pollMs: 50 }),
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                gates: gatesConfig,
                maturity: {
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 1 },
                    initialDelay: { minutes: 30 },
                  },
                },
              },
            },
          }),
        ],
      });
      const get = async (url: string) =>
        (
          await request(server)
            .get(`/api/mlops/gates/${url}`)
            .set(
              'Authorization',
              mockCredentials.user.header('user:default/henrik-larsen'),
            )
        ).body;
      // The module writes in the background, once the catalog serves the entities.
      for (let i = 0; i < 200; i++) {
        if ((await get('mlusecase/default/next-best-offer')).stages[0].revision)
          break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      return { knex, get };
    }

    const daysAgo = (iso: string) => (Date.now() - Date.parse(iso)) / DAY;

    it('takes churn prevention through all three gates months ago, on its current facts', async () => {
      const { get } = await start();
      const gates = await get('mlusecase/default/churn-prevention');
      expect(gates.complete).toBe(true);
      const decisions = gates.stages.flatMap((s: any) => s.decisions);
      expect(decisions).toHaveLength(6);
      expect(decisions.every((d: any) => !d.invalidated)).toBe(true);
      expect(daysAgo(gates.stages[1].enteredAt)).toBeGreaterThan(300);
      expect(daysAgo(gates.stages[2].enteredAt)).toBeGreaterThan(250);
    });

    it('takes churn-gbm through its gates twice: the approvals of its earlier version lapsed with the retraining', async () => {
      const { get } = await start();
      const gates = await get('mlmodel/default/churn-gbm');
      expect(gates.complete).toBe(true);
      for (const gate of gates.stages) {
        const [lapsed, standing] = [
          gate.decisions.filter((d: any) => d.invalidated),
          gate.decisions.filter((d: any) => !d.invalidated),
        ];
        expect(lapsed).toHaveLength(2);
        expect(standing).toHaveLength(2);
        expect(lapsed[0].invalidated.reason).toBe(
          'The facts the decision rested on changed: spec.metrics, spec.registry, spec.version.',
        );
        expect(daysAgo(lapsed[0].at)).toBeGreaterThan(250);
        expect(daysAgo(lapsed[0].invalidated.at)).toBeGreaterThan(45);
        expect(daysAgo(standing[0].at)).toBeLessThan(50);
        expect(gate.invalidations).toHaveLength(2);
      }
      expect(
        gates.stages[2].signOff.map((s: any) => [s.id, s.decision?.by]),
      ).toEqual([
        ['owner', 'user:default/ana-kovac'],
        ['group:default/platform-operations', 'user:default/ines-garcia'],
      ]);
    });

    it('leaves the other use cases where the demo tells they are, for weeks', async () => {
      const { get } = await start();
      const renewal = await get('mlusecase/default/contract-renewal-offers');
      expect(renewal.currentStage).toBe('operationalisation');
      expect(daysAgo(renewal.stages[2].enteredAt)).toBeGreaterThan(50);
      const [fault] = (await get('mlusecase/default/network-fault-prediction'))
        .stages;
      expect(fault.state).toBe('ready-for-review');
      expect(fault.signOff.map((s: any) => s.decision?.by)).toEqual([
        'user:default/henrik-larsen',
        undefined,
      ]);
      const [offer] = (await get('mlusecase/default/next-best-offer')).stages;
      expect(offer.state).toBe('ready-for-review');
      expect(offer.decisions).toEqual([]);
    });

    it('gives the funnel medians of weeks, not seconds', async () => {
      const { get } = await start();
      const funnel = await get('funnel?kind=MLUseCase');
      const medians = Object.fromEntries(
        funnel.stages.map((s: any) => [s.stage, s.medianDaysInStage]),
      );
      expect(medians.strategy).toBeGreaterThan(7);
      expect(medians.prototyping).toBeGreaterThan(30);
      expect(medians.operationalisation).toBeGreaterThan(30);
      expect(
        funnel.entities.find(
          (e: any) =>
            e.entityRef === 'mlusecase:default/contract-renewal-offers',
        ).since,
      ).toEqual(expect.any(String));
    });

    it('writes an entity once, and leaves alone one with gate events already', async () => {
      const { knex } = await start();
      const count = async () =>
        Number((await knex('mlops_gate_events').count({ n: '*' }))[0].n);
      const before = await count();
      const again = await seedGateHistory({
        knex,
        history: DEMO_GATE_HISTORY,
        entities: new Map(
          entities.map(e => [stringifyEntityRef(e).toLowerCase(), e]),
        ),
        now: new Date(),
      });
      expect(again.seeded).toEqual([]);
      expect(again.skipped).toHaveLength(DEMO_GATE_HISTORY.length);
      expect(await count()).toBe(before);
    });
  },
);
