import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { featureSpec } from '../schema/featureSpec';
import type { KpiSourceService } from './KpiSourceService';

/** The KPI sources' routes, validated against kpiSources.openapi.yaml. */
export function createKpiSourcesRouter(options: {
  service: KpiSourceService;
  httpAuth: HttpAuthService;
}) {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(featureSpec('kpiSources'));
  router.get('/kpi-sources/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const useCaseRef = stringifyEntityRef({
      kind: 'MLUseCase',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    res.json(await service.status(useCaseRef, credentials));
  });
  router.post('/kpi-sources/dry-run', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.dryRun(req.body, credentials));
  });
  return router;
}
