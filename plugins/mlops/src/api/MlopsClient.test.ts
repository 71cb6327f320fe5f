import { ResponseError } from '@backstage/errors';
import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { MlopsClient } from './MlopsClient';
import {
  churnGbmHistory,
  churnGbmScorecard,
  retentionTeamMaturity,
} from '../__testUtils__/maturityFixtures';

const baseUrl = 'http://backstage.test/api/mlops';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(respond: (url: string) => Response) {
  const calls: { url: string; method: string; auth: string | null }[] = [];
  const fetchApi = new MockFetchApi({
    baseImplementation: async (input: any, init?: any) => {
      const request = new Request(input, init);
      calls.push({
        url: request.url,
        method: request.method,
        auth: request.headers.get('authorization'),
      });
      return respond(request.url);
    },
    injectIdentityAuth: { token: 'user-token' },
  });
  const discoveryApi = mockApis.discovery({
    baseUrl: 'http://backstage.test',
  });
  return { client: new MlopsClient({ discoveryApi, fetchApi }), calls };
}

describe('MlopsClient', () => {
  it('reads a scorecard at /scorecards/{kind}/{namespace}/{name} with the user token', async () => {
    const { client, calls } = setup(() => json(churnGbmScorecard));

    await expect(
      client.getScorecard('mlmodel:default/churn-gbm'),
    ).resolves.toEqual(churnGbmScorecard);
    expect(calls).toEqual([
      {
        url: `${baseUrl}/scorecards/mlmodel/default/churn-gbm`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it('asks for the history of a period in days', async () => {
    const { client, calls } = setup(() => json(churnGbmHistory));

    await client.getScorecardHistory(
      { kind: 'MLModel', namespace: 'default', name: 'churn-gbm' },
      90,
    );
    expect(calls[0].url).toBe(
      `${baseUrl}/scorecards/mlmodel/default/churn-gbm/history?days=90`,
    );
  });

  it('refreshes with a POST', async () => {
    const { client, calls } = setup(() => json(churnGbmScorecard));

    await client.refreshScorecard('mlmodel:default/churn-gbm');
    expect(calls[0].url).toBe(
      `${baseUrl}/scorecards/mlmodel/default/churn-gbm/refresh`,
    );
    expect(calls[0].method).toBe('POST');
  });

  it('reads a team by namespace and name, with period and kind', async () => {
    const { client, calls } = setup(() => json(retentionTeamMaturity));

    await client.getTeamMaturity('group:default/retention-analytics', {
      days: 365,
      kind: 'MLModel',
    });
    await client.getTeamMaturity('retention-analytics');
    expect(calls.map(c => c.url)).toEqual([
      `${baseUrl}/teams/default/retention-analytics?days=365&kind=MLModel`,
      `${baseUrl}/teams/default/retention-analytics`,
    ]);
  });

  it('reads the overview at /teams', async () => {
    const { client, calls } = setup(() => json({}));

    await client.getOverview({ days: 30 });
    expect(calls[0].url).toBe(`${baseUrl}/teams?days=30`);
  });

  it('builds export and badge addresses on the discovered base URL', async () => {
    const { client, calls } = setup(() => json({}));

    await expect(
      client.teamExportUrl('group:default/retention-analytics', { days: 90 }),
    ).resolves.toBe(
      `${baseUrl}/teams/default/retention-analytics/export.csv?days=90`,
    );
    await expect(
      client.badgeUrl('mlusecase:default/churn-prevention'),
    ).resolves.toBe(`${baseUrl}/badges/mlusecase/default/churn-prevention`);
    expect(calls).toEqual([]);
  });

  it('downloads the CSV export with the user token', async () => {
    const { client, calls } = setup(
      () =>
        new Response('entityRef,level\nmlmodel:default/churn-gbm,1\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    );

    const blob = await client.getTeamExport(
      'group:default/retention-analytics',
    );
    await expect(blob.text()).resolves.toContain('mlmodel:default/churn-gbm,1');
    expect(calls[0].auth).toBe('Bearer user-token');
  });

  it.each([
    [404, 'NotFoundError'],
    [403, 'NotAllowedError'],
  ])(
    'rejects a %s with a ResponseError that carries the status',
    async (status, name) => {
      // The body Backstage's error handler sends.
      const { client } = setup(() =>
        json(
          {
            error: { name, message: 'no' },
            request: { method: 'GET', url: '/scorecards' },
            response: { statusCode: status },
          },
          status,
        ),
      );

      const error = await client
        .getScorecard('mlmodel:default/churn-gbm')
        .catch(e => e);
      expect(ResponseError.is(error)).toBe(true);
      expect(error.statusCode).toBe(status);
      expect(error.cause.name).toBe(name);
    },
  );
});
