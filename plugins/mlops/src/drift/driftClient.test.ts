import { ResponseError } from '@backstage/errors';
import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { MlopsClient } from '../api';
import {
  churnGbmDriftHealth,
  churnInputDriftSeries,
  driftAlerts,
} from './__testUtils__/driftFixtures';
import { churnDeliveryLog } from './__testUtils__/deliveryFixtures';
import { churnSourceStatus } from './__testUtils__/sourceFixtures';

const baseUrl = 'http://backstage.test/api/mlops';

function setup(body: unknown, status = 200) {
  const calls: { url: string; method: string; auth: string | null }[] = [];
  const fetchApi = new MockFetchApi({
    baseImplementation: async (input: any, init?: any) => {
      const request = new Request(input, init);
      calls.push({
        url: request.url,
        method: request.method,
        auth: request.headers.get('authorization'),
      });
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    },
    injectIdentityAuth: { token: 'user-token' },
  });
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage.test' });
  return { client: new MlopsClient({ discoveryApi, fetchApi }), calls };
}

describe('MlopsClient drift calls', () => {
  it('reads drift health at /drift/health/{kind}/{namespace}/{name} with the user token', async () => {
    const { client, calls } = setup(churnGbmDriftHealth);

    await expect(
      client.getDriftHealth('MLModel:default/churn-gbm'),
    ).resolves.toEqual(churnGbmDriftHealth);
    expect(calls).toEqual([
      {
        url: `${baseUrl}/drift/health/mlmodel/default/churn-gbm`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("reads a monitor's series by namespace and name, with the period", async () => {
    const { client, calls } = setup(churnInputDriftSeries);

    await client.getDriftSeries('mlmonitor:default/churn-gbm-input-drift', 90);
    await client.getDriftSeries({
      kind: 'MLMonitor',
      namespace: 'ops',
      name: 'a b',
    });
    expect(calls.map(c => c.url)).toEqual([
      `${baseUrl}/drift/series/default/churn-gbm-input-drift?days=90`,
      `${baseUrl}/drift/series/ops/a%20b`,
    ]);
  });

  it("reads a monitor's alert delivery log by namespace and name", async () => {
    const { client, calls } = setup(churnDeliveryLog);

    await expect(
      client.getAlertDeliveries('mlmonitor:default/churn-gbm-drift'),
    ).resolves.toEqual(churnDeliveryLog);
    await client.getAlertDeliveries({
      kind: 'MLMonitor',
      namespace: 'ops',
      name: 'a b',
    });
    expect(calls.map(c => [c.url, c.auth])).toEqual([
      [
        `${baseUrl}/drift/deliveries/default/churn-gbm-drift`,
        'Bearer user-token',
      ],
      [`${baseUrl}/drift/deliveries/ops/a%20b`, 'Bearer user-token'],
    ]);
  });

  it("reads a monitor's source bindings by namespace and name", async () => {
    const { client, calls } = setup(churnSourceStatus);

    await expect(
      client.getDriftSourceStatus('mlmonitor:default/churn-gbm-drift'),
    ).resolves.toEqual(churnSourceStatus);
    await client.getDriftSourceStatus({
      kind: 'MLMonitor',
      namespace: 'ops',
      name: 'a b',
    });
    expect(calls.map(c => [c.url, c.auth])).toEqual([
      [`${baseUrl}/drift/sources/default/churn-gbm-drift`, 'Bearer user-token'],
      [`${baseUrl}/drift/sources/ops/a%20b`, 'Bearer user-token'],
    ]);
  });

  it('posts a dry run of bindings to /drift/sources/dry-run', async () => {
    const dryRun = {
      monitor: 'mlmonitor:default/churn-gbm-drift',
      bindings: [],
    };
    const { client, calls } = setup(dryRun);

    await expect(
      client.dryRunDriftSource({
        monitor: 'mlmonitor:default/churn-gbm-drift',
      }),
    ).resolves.toEqual(dryRun);
    expect(calls).toEqual([
      {
        url: `${baseUrl}/drift/sources/dry-run`,
        method: 'POST',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("reads a use case's KPI source bindings and posts their dry run", async () => {
    const { client, calls } = setup({ useCase: 'x', bindings: [] });

    await client.getKpiSourceStatus('churn-prevention');
    await client.dryRunKpiSource({
      useCase: 'mlusecase:default/churn-prevention',
      kpi: 'churn-rate',
    });
    expect(calls).toEqual([
      {
        url: `${baseUrl}/kpi-sources/default/churn-prevention`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
      {
        url: `${baseUrl}/kpi-sources/dry-run`,
        method: 'POST',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it('reads the drifting models at /drift/alerts', async () => {
    const { client, calls } = setup(driftAlerts);

    await expect(client.getDriftAlerts()).resolves.toEqual(driftAlerts);
    expect(calls[0].url).toBe(`${baseUrl}/drift/alerts`);
  });

  it('rejects a 404 with a ResponseError that carries the status', async () => {
    const { client } = setup(
      {
        error: { name: 'NotFoundError', message: 'no such monitor' },
        request: { method: 'GET', url: '/drift/health' },
        response: { statusCode: 404 },
      },
      404,
    );

    const error = await client
      .getDriftHealth('mlmonitor:default/unknown')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
  });
});
