import { ResponseError } from '@backstage/errors';
import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { MlopsClient } from './MlopsClient';
import {
  churnGbmHistory,
  churnGbmScorecard,
  retentionTeamMaturity,
} from '../__testUtils__/maturityFixtures';
import {
  churnGates,
  prototypingGate,
  useCaseFunnel,
} from '../gates/__testUtils__/gateFixtures';
import {
  churnHistory,
  churnValue,
  valueOverview,
} from '../value/__testUtils__/valueFixtures';
import { adaHome } from '../value/__testUtils__/sponsorHomeFixtures';
import {
  organisationDiagnostic,
  retentionAnswers,
  retentionDiagnostic,
} from '../diagnostic/__testUtils__/diagnosticFixtures';
import { rejectedEntities } from '../rejected/__testUtils__/rejectedFixtures';

const baseUrl = 'http://backstage.test/api/mlops';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(respond: (url: string) => Response) {
  const calls: { url: string; method: string; auth: string | null }[] = [];
  // Whole requests, for the bodies of POSTs.
  const requests: Request[] = [];
  const fetchApi = new MockFetchApi({
    baseImplementation: async (input: any, init?: any) => {
      const request = new Request(input, init);
      requests.push(request.clone());
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
  return {
    client: new MlopsClient({ discoveryApi, fetchApi }),
    calls,
    requests,
  };
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

  it('reads the gates of a use case or model at /gates/{kind}/{namespace}/{name}', async () => {
    const { client, calls } = setup(() => json(churnGates));

    await expect(
      client.getGates('mlusecase:default/churn-prevention'),
    ).resolves.toEqual(churnGates);
    expect(calls).toEqual([
      {
        url: `${baseUrl}/gates/mlusecase/default/churn-prevention`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it('posts a decision as JSON to the stage, with the revision the caller saw', async () => {
    const { client, calls, requests } = setup(() => json(prototypingGate, 201));

    await expect(
      client.decideGate('mlusecase:default/churn-prevention', 'prototyping', {
        decision: 'approve',
        comment: 'Agreed.',
        evidenceUrl: 'https://wiki.example.com/review',
        revision: 7,
      }),
    ).resolves.toEqual(prototypingGate);
    expect(calls[0]).toEqual({
      url: `${baseUrl}/gates/mlusecase/default/churn-prevention/prototyping/decisions`,
      method: 'POST',
      auth: 'Bearer user-token',
    });
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    await expect(requests[0].json()).resolves.toEqual({
      decision: 'approve',
      comment: 'Agreed.',
      evidenceUrl: 'https://wiki.example.com/review',
      revision: 7,
    });
  });

  it('posts an attestation to the stage', async () => {
    const { client, calls, requests } = setup(() => json(prototypingGate, 201));

    await client.attestGateCriterion(
      { kind: 'MLModel', namespace: 'default', name: 'churn-gbm' },
      'strategy',
      {
        criterion: 'ethics',
        evidenceUrl: 'https://wiki.example.com/ethics',
        comment: 'Reviewed.',
        revision: 2,
      },
    );
    expect(calls[0].url).toBe(
      `${baseUrl}/gates/mlmodel/default/churn-gbm/strategy/attestations`,
    );
    expect(calls[0].method).toBe('POST');
    await expect(requests[0].json()).resolves.toEqual({
      criterion: 'ethics',
      evidenceUrl: 'https://wiki.example.com/ethics',
      comment: 'Reviewed.',
      revision: 2,
    });
  });

  it('rejects a stale decision with the 409 the backend sends', async () => {
    const { client } = setup(() =>
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'The gate changed; reload it',
          },
          request: { method: 'POST', url: '/gates' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );

    const error = await client
      .decideGate('mlusecase:default/churn-prevention', 'strategy', {
        decision: 'reject',
        comment: 'No.',
        revision: 1,
      })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
  });

  it('builds the audit trail address and downloads it with the user token', async () => {
    const { client, calls } = setup(
      () =>
        new Response('id,stage,decision\nd-1,strategy,approve\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    );

    await expect(
      client.gateAuditUrl('mlusecase:default/churn-prevention', 'json'),
    ).resolves.toBe(
      `${baseUrl}/gates/mlusecase/default/churn-prevention/audit?format=json`,
    );
    const blob = await client.getGateAudit(
      'mlusecase:default/churn-prevention',
      'csv',
    );
    await expect(blob.text()).resolves.toContain('d-1,strategy,approve');
    expect(calls).toEqual([
      {
        url: `${baseUrl}/gates/mlusecase/default/churn-prevention/audit?format=csv`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it('reads the funnel of a kind at /gates/funnel', async () => {
    const { client, calls } = setup(() => json(useCaseFunnel));

    await expect(client.getGateFunnel('MLModel')).resolves.toEqual(
      useCaseFunnel,
    );
    expect(calls[0].url).toBe(`${baseUrl}/gates/funnel?kind=MLModel`);
  });

  it("reads a use case's value at /value/{namespace}/{name}, whatever form the reference takes", async () => {
    const { client, calls } = setup(() => json(churnValue));

    await expect(
      client.getUseCaseValue('mlusecase:default/churn-prevention'),
    ).resolves.toEqual(churnValue);
    await client.getUseCaseValue('churn-prevention');
    await client.getUseCaseValue({
      kind: 'MLUseCase',
      namespace: 'retail',
      name: 'basket size',
    });
    expect(calls).toEqual([
      {
        url: `${baseUrl}/value/default/churn-prevention`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
      {
        url: `${baseUrl}/value/default/churn-prevention`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
      {
        url: `${baseUrl}/value/retail/basket%20size`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it('reads the ledger history of a use case', async () => {
    const { client, calls } = setup(() => json(churnHistory));

    await expect(
      client.getUseCaseValueHistory('mlusecase:default/churn-prevention'),
    ).resolves.toEqual(churnHistory);
    expect(calls[0].url).toBe(
      `${baseUrl}/value/default/churn-prevention/history`,
    );
  });

  it('builds the history CSV address and downloads it with the user token', async () => {
    const { client, calls } = setup(
      () =>
        new Response(
          'kpi,periodStart,periodEnd,value\nmonthly-churn-rate,2026-03-01,2026-03-31,2.5\n',
          {
            headers: { 'Content-Type': 'text/csv' },
          },
        ),
    );

    await expect(
      client.valueHistoryCsvUrl('mlusecase:default/churn-prevention'),
    ).resolves.toBe(
      `${baseUrl}/value/default/churn-prevention/history?format=csv`,
    );
    const blob = await client.getValueHistoryCsv(
      'mlusecase:default/churn-prevention',
    );
    await expect(blob.text()).resolves.toContain(
      'monthly-churn-rate,2026-03-01,2026-03-31,2.5',
    );
    expect(calls).toEqual([
      {
        url: `${baseUrl}/value/default/churn-prevention/history?format=csv`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("posts a check-in as JSON to the use case's actuals and answers with its value", async () => {
    const { client, calls, requests } = setup(() => json(churnValue, 201));

    await expect(
      client.recordKpiActual('mlusecase:default/churn-prevention', {
        kpi: 'monthly-churn-rate',
        periodStart: '2026-02-01',
        periodEnd: '2026-02-28',
        value: 2.6,
        comment: 'Restated after the billing fix',
        supersedes: 'a-2',
      }),
    ).resolves.toEqual(churnValue);
    expect(calls[0]).toEqual({
      url: `${baseUrl}/value/default/churn-prevention/actuals`,
      method: 'POST',
      auth: 'Bearer user-token',
    });
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    await expect(requests[0].json()).resolves.toEqual({
      kpi: 'monthly-churn-rate',
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      value: 2.6,
      comment: 'Restated after the billing fix',
      supersedes: 'a-2',
    });
  });

  it('rejects a refused check-in with the status and the message that names the field', async () => {
    const { client } = setup(() =>
      json(
        {
          error: {
            name: 'InputError',
            message: 'periodEnd 2026-02-30 is not a date such as 2025-01-31',
          },
          request: { method: 'POST', url: '/value' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );

    const error = await client
      .recordKpiActual('mlusecase:default/churn-prevention', {
        kpi: 'monthly-churn-rate',
        periodStart: '2026-02-01',
        periodEnd: '2026-02-30',
        value: 2.6,
      })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'periodEnd 2026-02-30 is not a date such as 2025-01-31',
    );
  });

  it("reads the organisation's value at /value", async () => {
    const { client, calls } = setup(() => json(valueOverview));

    await expect(client.getValueOverview()).resolves.toEqual(valueOverview);
    expect(calls[0].url).toBe(`${baseUrl}/value`);
  });

  it("reads the signed-in person's home at /value/mine with the user token", async () => {
    const { client, calls } = setup(() => json(adaHome));

    await expect(client.getSponsorHome()).resolves.toEqual(adaHome);
    expect(calls).toEqual([
      {
        url: `${baseUrl}/value/mine`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("reads the organisation's diagnostic at /diagnostic, with the period", async () => {
    const { client, calls } = setup(() => json(organisationDiagnostic));

    await expect(client.getDiagnostic({ days: 365 })).resolves.toEqual(
      organisationDiagnostic,
    );
    await client.getDiagnostic();
    expect(calls.map(c => [c.url, c.auth])).toEqual([
      [`${baseUrl}/diagnostic?days=365`, 'Bearer user-token'],
      [`${baseUrl}/diagnostic`, 'Bearer user-token'],
    ]);
  });

  it("reads a team's diagnostic at /diagnostic/teams/{namespace}/{name}, whatever form the reference takes", async () => {
    const { client, calls } = setup(() => json(retentionDiagnostic));

    await expect(
      client.getDiagnostic({
        team: 'group:default/retention-analytics',
        days: 30,
      }),
    ).resolves.toEqual(retentionDiagnostic);
    await client.getDiagnostic({ team: 'retention-analytics' });
    await client.getDiagnostic({
      team: { kind: 'Group', namespace: 'emea', name: 'data & ai' },
    });
    expect(calls.map(c => c.url)).toEqual([
      `${baseUrl}/diagnostic/teams/default/retention-analytics?days=30`,
      `${baseUrl}/diagnostic/teams/default/retention-analytics`,
      `${baseUrl}/diagnostic/teams/emea/data%20%26%20ai`,
    ]);
  });

  it('builds the diagnostic CSV address and downloads it with the user token', async () => {
    const { client, calls } = setup(
      () =>
        new Response('section,title\nq1,Do only…\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    );

    await expect(
      client.diagnosticCsvUrl({
        team: 'group:default/retention-analytics',
        days: 90,
      }),
    ).resolves.toBe(
      `${baseUrl}/diagnostic/teams/default/retention-analytics?days=90&format=csv`,
    );
    const blob = await client.getDiagnosticCsv({ days: 30 });
    expect(await blob.text()).toBe('section,title\nq1,Do only…\n');
    expect(calls).toEqual([
      {
        url: `${baseUrl}/diagnostic?days=30&format=csv`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("posts a team's answer as JSON to its answers and answers with the team's latest answers", async () => {
    const { client, calls, requests } = setup(() =>
      json(retentionAnswers, 201),
    );

    await expect(
      client.recordDiagnosticAnswer('group:default/retention-analytics', {
        question: 'q1',
        answer: 'no',
        comment: 'Our models reach production when they are good enough.',
      }),
    ).resolves.toEqual(retentionAnswers);
    expect(calls).toEqual([
      {
        url: `${baseUrl}/diagnostic/teams/default/retention-analytics/answers`,
        method: 'POST',
        auth: 'Bearer user-token',
      },
    ]);
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(await requests[0].json()).toEqual({
      question: 'q1',
      answer: 'no',
      comment: 'Our models reach production when they are good enough.',
    });
  });

  it("rejects a refused answer with the 403 and the backend's message", async () => {
    const { client } = setup(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'only members of the team may answer for it',
          },
          request: { method: 'POST', url: '/diagnostic' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );

    const refused = client.recordDiagnosticAnswer('retention-analytics', {
      question: 'q1',
      answer: 'yes',
    });
    await expect(refused).rejects.toBeInstanceOf(ResponseError);
    await expect(refused).rejects.toMatchObject({
      response: { status: 403 },
      body: {
        error: { message: 'only members of the team may answer for it' },
      },
    });
  });

  it('reads the rejected ML entities at /rejected-entities, of one owner in full reference form', async () => {
    const { client, calls } = setup(() => json(rejectedEntities));

    await expect(client.getRejectedEntities()).resolves.toEqual(
      rejectedEntities,
    );
    await client.getRejectedEntities({ owner: 'customer-analytics' });
    await client.getRejectedEntities({
      owner: { kind: 'Group', namespace: 'sales', name: 'upsell' },
    });
    expect(calls.map(c => [c.url, c.auth])).toEqual([
      [`${baseUrl}/rejected-entities`, 'Bearer user-token'],
      [
        `${baseUrl}/rejected-entities?owner=group%3Adefault%2Fcustomer-analytics`,
        'Bearer user-token',
      ],
      [
        `${baseUrl}/rejected-entities?owner=group%3Asales%2Fupsell`,
        'Bearer user-token',
      ],
    ]);
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
