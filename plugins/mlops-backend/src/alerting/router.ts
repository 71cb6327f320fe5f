import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { featureSpec } from '../schema/featureSpec';
import type { AlertDeliveryService } from './AlertDeliveryService';

/** The delivery log route, validated against alerting.openapi.yaml. */
export function createAlertingRouter(options: {
  service: AlertDeliveryService;
  httpAuth: HttpAuthService;
}) {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(featureSpec('alerting'));
  router.get('/drift/deliveries/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const monitorRef = stringifyEntityRef({
      kind: 'MLMonitor',
      namespace: req.params.namespace,
      name: req.params.name,
    }).toLowerCase();
    res.json(await service.log(monitorRef, credentials));
  });
  return router;
}
