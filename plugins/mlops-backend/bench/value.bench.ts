/*
 * Business-value benchmark, for each database the plugin runs on (SQLite,
 * then PostgreSQL 15), through the plugin's HTTP API on a test backend,
 * with BENCH_USE_CASES (1,000) use cases of KPIS (5) daily KPIs each and
 * BENCH_DAYS (1,095: three years) of actuals per KPI, about 5.5 million
 * ledger rows:
 *
 * - pushing actuals: the whole history of the first use cases (about
 *   BENCH_PUSHED actuals) in batches of BENCH_BATCH (5,000) to POST
 *   /value/actuals (JSON, validation against the use case's KPIs,
 *   idempotency, one transaction, the use case re-evaluated); goal at least
 *   20,000 actuals per second. Baseline in the
 *   same run: the same number of rows inserted straight into the ledger
 *   table with knex (no HTTP, JSON or validation); the ratio is API time /
 *   baseline time;
 * - a use case's value card, GET /value/{namespace}/{name} (its 5 KPIs with
 *   three years of daily actuals each, folded, assessed); goal p95 under
 *   50 ms;
 * - the organisation's value view, GET /value (1,000 use cases, 5,000
 *   KPIs); goal p95 under 100 ms.
 *
 * Each read is also timed in CPU time of the process (see cpuMs), which the
 * load of other processes does not stretch.
 *
 * Baselines for the reads, in the same run: the store's reads alone (a use
 * case's ledger; the two latest points of every KPI), the floor of what each
 * request reads; and the catalog double's read of every use case, the
 * catalog's share of the organisation view.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:value
 *   BENCH_DATABASES=SQLITE_3 BENCH_USE_CASES=100 yarn workspace ... bench:value
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to bench/results/value-<db>.json.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { mlopsPlugin } from '../src/plugin';
import { DatabaseKpiStore } from '../src/value/DatabaseKpiStore';
import type { NewKpiActual } from '../src/value/KpiStore';
import {
  machine,
  median,
  percentile,
  postgresCpuMs,
  writeResult,
} from './measure';

jest.setTimeout(3 * 60 * 60_000);

const USE_CASES = Number(process.env.BENCH_USE_CASES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 1095);
const KPIS = 5;
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const PUSHED = Number(process.env.BENCH_PUSHED ?? 200_000);
const CARD_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const OVERVIEW_REQUESTS = Number(process.env.BENCH_OVERVIEW_REQUESTS ?? 30);
const DAY = 86_400_000;

/**
 * The CPU time this process spent (user and system) in a delta of
 * `process.cpuUsage`: a request's cost, which other processes' load on the
 * machine does not stretch as it stretches wall time. With SQLite in the
 * process it includes the database's work; PostgreSQL's is not in it.
 */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

const ids = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
const databases = TestDatabases.create({ ids });

const name = (u: number) => `bench-use-case-${u}`;
const ref = (u: number) => `mlusecase:default/${name(u)}`;

const useCases: Entity[] = Array.from({ length: USE_CASES }, (_, u) => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: name(u), namespace: 'default' },
  spec: {
    owner: 'group:default/bench',
    sponsor: 'user:default/bench-sponsor',
    lifecycle: 'production',
    businessDrivers: Array.from({ length: KPIS }, (__, k) => ({
      driver: `Driver ${k}`,
      kpi: `KPI ${k}`,
      id: `kpi-${k}`,
      baseline: 100,
      target: k % 2 ? 80 : 120,
      unit: k % 2 ? '%' : 'EUR',
      cadence: 'P1D',
    })),
  },
}));

/** The first day of the three years, so that the last one is yesterday. */
const firstDay = Math.floor(Date.now() / DAY) * DAY - DAYS * DAY;
const dayOf = (d: number) => new Date(firstDay + d * DAY);
const iso = (d: number) => dayOf(d).toISOString().slice(0, 10);
const valueOf = (u: number, k: number, d: number) =>
  Math.round((100 + ((u * 7 + k * 13 + d) % 40) - 20) * 100) / 100;

describe.each(databases.eachSupportedId())('value on %s', databaseId => {
  it('takes pushed actuals and serves the value card and the organisation view', async () => {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities: useCases }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              value: { maxActualsPerBatch: BATCH },
              maturity: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 24 },
                },
              },
            },
          },
        }),
        actionsRegistryServiceMock.factory(),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ async send() {} }),
        }),
      ],
    });
    const auth = mockCredentials.service.header();

    // Pushing: whole histories of the first use cases, as a BI job backfills
    // them, BATCH actuals a request.
    const pushedUseCases = Math.min(
      USE_CASES,
      Math.max(1, Math.ceil(PUSHED / KPIS / DAYS)),
    );
    const daysPerBatch = Math.max(1, Math.floor(BATCH / KPIS));
    const bodies: any[] = [];
    for (let u = 0; u < pushedUseCases; u++) {
      for (let d0 = 0; d0 < DAYS; d0 += daysPerBatch) {
        const actuals = [];
        for (let d = d0; d < Math.min(DAYS, d0 + daysPerBatch); d++) {
          for (let k = 0; k < KPIS; k++) {
            actuals.push({
              kpi: `kpi-${k}`,
              periodStart: iso(d),
              periodEnd: iso(d),
              value: valueOf(u, k, d),
            });
          }
        }
        bodies.push({
          useCase: ref(u),
          idempotencyKey: `push-${u}-${d0}`,
          actuals,
        });
      }
    }
    const batchMs: number[] = [];
    let pushed = 0;
    const pushCpu = process.cpuUsage();
    const database = databaseId.startsWith('POSTGRES')
      ? String((knex.client.config.connection as any)?.database ?? '')
      : undefined;
    const pushServerCpu = postgresCpuMs(database);
    const started = performance.now();
    for (const body of bodies) {
      const t = performance.now();
      const res = await request(server)
        .post('/api/mlops/value/actuals')
        .set('Authorization', auth)
        .send(body);
      batchMs.push(performance.now() - t);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      pushed += body.actuals.length;
    }
    const pushSeconds = (performance.now() - started) / 1000;
    const pushCpuMs = cpuMs(process.cpuUsage(pushCpu));
    const pushServerCpuMs = postgresCpuMs(database) - pushServerCpu;

    // Baseline, same run: as many rows inserted straight into the ledger.
    const baselineRows = bodies.flatMap((body, b) =>
      body.actuals.map((a: any, i: number) => ({
        use_case_ref: `mlusecase:default/baseline-${b}`,
        kpi_id: a.kpi,
        period_start: new Date(`${a.periodStart}T00:00:00Z`).toISOString(),
        period_end: new Date(`${a.periodEnd}T00:00:00Z`).toISOString(),
        value: a.value,
        unit: null,
        source_kind: 'pipeline',
        source_name: 'baseline',
        recorded_by: 'baseline',
        recorded_at: new Date().toISOString(),
        idempotency_key: `baseline-${b}-${i}`,
      })),
    );
    const baselineCpu = process.cpuUsage();
    const baselineServerCpu = postgresCpuMs(database);
    const baselineStarted = performance.now();
    for (let i = 0; i < baselineRows.length; i += BATCH) {
      await knex.transaction(async tx => {
        const chunk = databaseId === 'POSTGRES_15' ? 2000 : 400;
        const end = Math.min(i + BATCH, baselineRows.length);
        for (let j = i; j < end; j += chunk) {
          await tx('mlops_value_actuals').insert(
            baselineRows.slice(j, Math.min(j + chunk, end)),
          );
        }
      });
    }
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    const baselineCpuMs = cpuMs(process.cpuUsage(baselineCpu));
    const baselineServerCpuMs = postgresCpuMs(database) - baselineServerCpu;
    await knex('mlops_value_actuals')
      .where('use_case_ref', 'like', 'mlusecase:default/baseline-%')
      .delete();

    // Fill the older days of every use case through the store, untimed.
    const store = new DatabaseKpiStore(knex);
    let rows: NewKpiActual[] = [];
    for (let u = pushedUseCases; u < USE_CASES; u++) {
      for (let d = 0; d < DAYS; d++) {
        for (let k = 0; k < KPIS; k++) {
          rows.push({
            useCaseRef: ref(u),
            kpiId: `kpi-${k}`,
            periodStart: dayOf(d),
            periodEnd: dayOf(d),
            value: valueOf(u, k, d),
            unit: k % 2 ? '%' : 'EUR',
            sourceKind: 'pipeline',
            sourceName: 'bench-fill',
            recordedBy: 'bench-fill',
          });
          if (rows.length === BATCH) {
            await store.appendActuals(rows);
            rows = [];
          }
        }
      }
    }
    if (rows.length) await store.appendActuals(rows);
    const [{ n }] = await knex('mlops_value_actuals').count({ n: '*' });
    expect(Number(n)).toBe(USE_CASES * KPIS * DAYS);

    // The value card of one use case after another.
    const cardMs: number[] = [];
    const cardCpuMs: number[] = [];
    for (let i = 0; i < CARD_REQUESTS; i++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const res = await request(server)
        .get(`/api/mlops/value/default/${name((i * 37) % USE_CASES)}`)
        .set('Authorization', auth);
      cardMs.push(performance.now() - t);
      cardCpuMs.push(cpuMs(process.cpuUsage(cpu)));
      expect(res.status).toBe(200);
      expect(res.body.kpis[0].points).toHaveLength(DAYS);
    }

    // Baselines in the same run: the store reads alone, no HTTP, no catalog,
    // no fold or assessment — the floor of what each request must read.
    const cardBaselineMs: number[] = [];
    for (let i = 0; i < CARD_REQUESTS; i++) {
      const t = performance.now();
      await store.listActuals(ref((i * 37) % USE_CASES));
      cardBaselineMs.push(performance.now() - t);
    }
    const overviewBaselineMs: number[] = [];
    const allRefs = useCases.map((_, u) => ref(u));
    for (let i = 0; i < OVERVIEW_REQUESTS; i++) {
      const t = performance.now();
      await store.recentActuals(allRefs);
      overviewBaselineMs.push(performance.now() - t);
    }

    // The catalog's share of the organisation view: the same read of every
    // use case from the same catalog double, alone.
    const catalog = catalogServiceMock({ entities: useCases });
    const catalogMs: number[] = [];
    for (let i = 0; i < OVERVIEW_REQUESTS; i++) {
      const t = performance.now();
      await catalog.getEntities(
        {
          filter: { kind: 'MLUseCase' },
          fields: ['apiVersion', 'kind', 'metadata', 'spec'],
        },
        { credentials: mockCredentials.service() },
      );
      catalogMs.push(performance.now() - t);
    }

    // The organisation's value view.
    const overviewMs: number[] = [];
    const overviewCpuMs: number[] = [];
    for (let i = 0; i < OVERVIEW_REQUESTS; i++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const res = await request(server)
        .get('/api/mlops/value')
        .set('Authorization', auth);
      overviewMs.push(performance.now() - t);
      overviewCpuMs.push(cpuMs(process.cpuUsage(cpu)));
      expect(res.status).toBe(200);
      expect(res.body.useCases).toHaveLength(USE_CASES);
    }

    const round = (x: number) => Math.round(x * 10) / 10;
    writeResult(`value-${databaseId}`, {
      database: databaseId,
      machine: machine(),
      ledgerRows: Number(n),
      push: {
        batches: bodies.length,
        actuals: pushed,
        seconds: round(pushSeconds),
        actualsPerSecond: Math.round(pushed / pushSeconds),
        batchMsMedian: round(median(batchMs)),
        batchMsP95: round(percentile(batchMs, 95)),
        goalPerSecond: 20000,
        baselineKnexInsertPerSecond: Math.round(pushed / baselineSeconds),
        ratioToBaseline:
          Math.round((pushSeconds / baselineSeconds) * 100) / 100,
        // CPU time, which other processes' load does not stretch: this
        // process's, and PostgreSQL's server processes' (0 on SQLite).
        cpuMs: Math.round(pushCpuMs),
        serverCpuMs: Math.round(pushServerCpuMs),
        baselineCpuMs: Math.round(baselineCpuMs),
        baselineServerCpuMs: Math.round(baselineServerCpuMs),
        actualsPerCpuSecond: Math.round(
          pushed / ((pushCpuMs + pushServerCpuMs) / 1000),
        ),
        baselineRowsPerCpuSecond: Math.round(
          pushed / ((baselineCpuMs + baselineServerCpuMs) / 1000),
        ),
      },
      valueCard: {
        requests: CARD_REQUESTS,
        pointsPerKpi: DAYS,
        msMedian: round(median(cardMs)),
        msP95: round(percentile(cardMs, 95)),
        cpuMsMedian: round(median(cardCpuMs)),
        cpuMsP95: round(percentile(cardCpuMs, 95)),
        goalP95Ms: 50,
        baselineStoreReadMsMedian: round(median(cardBaselineMs)),
        ratioToBaseline:
          Math.round((median(cardMs) / median(cardBaselineMs)) * 100) / 100,
      },
      organisationView: {
        requests: OVERVIEW_REQUESTS,
        useCases: USE_CASES,
        msMedian: round(median(overviewMs)),
        msP95: round(percentile(overviewMs, 95)),
        cpuMsMedian: round(median(overviewCpuMs)),
        cpuMsP95: round(percentile(overviewCpuMs, 95)),
        goalP95Ms: 100,
        baselineStoreReadMsMedian: round(median(overviewBaselineMs)),
        catalogReadMsMedian: round(median(catalogMs)),
        ratioToBaseline:
          Math.round((median(overviewMs) / median(overviewBaselineMs)) * 100) /
          100,
      },
    });
  });
});
