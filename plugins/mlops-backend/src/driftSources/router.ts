import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { featureSpec } from '../schema/featureSpec';
import type { DriftSourceService } from './DriftSourceService';

/** The drift sources' routes, validated against driftSources.openapi.yaml. */
export function createDriftSourcesRouter(options: {
  service: DriftSourceService;
  httpAuth: HttpAuthService;
}) {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(featureSpec('driftSources'));
  router.get('/drift/sources/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const monitorRef = stringifyEntityRef({
      kind: 'MLMonitor',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    res.json(await service.status(monitorRef, credentials));
  });
  router.post('/drift/sources/dry-run', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.dryRun(req.body, credentials));
  });
  return router;
}
