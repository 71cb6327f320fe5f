import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { promisify } from 'util';
import YAML from 'yaml';
import { mlopsPlugin } from '../plugin';

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../../../..');

/** The demo catalog's monitors and models, as the catalog would hold them. */
function demoEntities(): Entity[] {
  const dir = path.join(root, 'catalog');
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(
        doc => doc.toJS() as Entity,
      ),
    )
    .filter(e => e && ['MLMonitor', 'MLModel'].includes(e.kind))
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

describe('scripts/demo-drift.mjs', () => {
  it('pushes history through the API with the static token, leaving monitors healthy, in warning, in alert and stale', async () => {
    const token = 'demo-pipeline-token-not-for-production';
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogServiceMock.factory({ entities: demoEntities() }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token, subject: 'demo-ci-pipeline' },
                  },
                ],
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
    const port = (server.address() as { port: number }).port;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'scripts/demo-drift.mjs')],
      {
        env: { ...process.env, MLOPS_BACKEND_URL: `http://localhost:${port}` },
      },
    );
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'demo drift: churn-gbm-input-drift alert',
      'demo drift: churn-gbm-performance warning',
      'demo drift: customer-segmentation-drift healthy',
      'demo drift: store-demand-input-drift stale',
      'demo drift: store-demand-prediction-drift healthy',
      'demo drift: every demo monitor has its history',
    ]);
    const alerts = await request(server)
      .get('/api/mlops/drift/alerts')
      .set('Authorization', `Bearer ${token}`);
    expect(alerts.body.models.map((m: any) => [m.entityRef, m.state])).toEqual([
      ['mlmodel:default/churn-gbm', 'alert'],
      ['mlmodel:default/store-demand-lightgbm', 'stale'],
    ]);
  });
});
