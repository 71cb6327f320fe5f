import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { useMlopsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('a body with a field its route does not take', () => {
  const backend = useMlopsBackend(databases, 'SQLITE_3');
  const post = (path: string, body: object) =>
    request(backend.server)
      .post(`/api/mlops${path}`)
      .set('Authorization', mockCredentials.service.header())
      .send(body);

  it('is refused with a 400 that names the field and those the object takes', async () => {
    const response = await post('/value/actuals', {
      useCase: 'mlusecase:default/churn-prevention',
      idempotencyKey: 'typo-1',
      actuals: [
        {
          kpi: 'monthly-churn-rate',
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
          value: 2.4,
        },
        {
          kpi: 'monthly-churn-rate',
          periodStart: '2026-10-01',
          periodEnd: '2026-10-31',
          value: 2.5,
          evidenceURL: 'https://bi.example.com/churn/10',
        },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'request/body/actuals/1 must NOT have additional properties: unknown field "evidenceURL"; its fields are kpi, periodStart, periodEnd, value, unit, comment, evidenceUrl, supersedes',
    );
  });

  it('names unknown fields at the top of the body too, and leaves other errors as they are', async () => {
    const topLevel = await post('/drift/observations', {
      monitor: 'mlmonitor:default/churn-gbm-input-drift',
      idempotencyKey: 'typo-2',
      observations: [],
      dryRun: true,
    });
    expect(topLevel.status).toBe(400);
    expect(topLevel.body.error.message).toContain(
      'request/body must NOT have additional properties: unknown field "dryRun"; its fields are monitor,',
    );

    const missing = await post('/value/actuals', {
      useCase: 'mlusecase:default/churn-prevention',
      actuals: [],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      "request/body must have required property 'idempotencyKey'",
    );
  });
});
