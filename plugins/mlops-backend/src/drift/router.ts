import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsDriftObservationCreatePermission } from '@mlightenment/backstage-plugin-mlops-common';
import express, { Request } from 'express';
import { featureSpec } from '../schema/featureSpec';
import { mlopsKindParam } from '../shared/entityRefs';
import { payloadTooLargeHandler } from '../shared/jsonBody';
import type { DriftService } from './DriftService';

export interface DriftRouterOptions {
  service: DriftService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

const DEFAULT_DAYS = 30;

/**
 * The drift routes under `/drift`, validated against drift.openapi.yaml.
 * Their bodies are parsed with the configured limit by the plugin's
 * createJsonBodyParser.
 */
export function createDriftRouter(options: DriftRouterOptions) {
  const { service, httpAuth, permissions } = options;
  const inner = createValidatedOpenApiRouter(featureSpec('drift'), {
    validatorOptions: {
      validateRequests: {
        // A string where a number belongs is an error, not a number.
        coerceTypes: false,
        allowUnknownQueryParameters: false,
      },
    },
  });
  const userOrService = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  inner.post('/drift/observations', async (req, res) => {
    const credentials = await userOrService(req);
    const [decision] = await permissions.authorize(
      [{ permission: mlopsDriftObservationCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'pushing drift observations needs the mlops.drift-observation.create permission',
      );
    }
    const result = await service.ingest(req.body, credentials);
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  inner.get('/drift/health/:kind/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({
      kind: mlopsKindParam(kind),
      namespace,
      name,
    }).toLowerCase();
    res.json(await service.health(entityRef, credentials));
  });

  inner.get('/drift/series/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    const monitorRef = stringifyEntityRef({
      kind: 'MLMonitor',
      namespace: req.params.namespace,
      name: req.params.name,
    }).toLowerCase();
    const days = Number(req.query.days ?? DEFAULT_DAYS);
    res.json(await service.series(monitorRef, days, credentials));
  });

  inner.get('/drift/alerts', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(await service.alerts(credentials));
  });

  // The body is parsed before (createJsonBodyParser); the service's own
  // size limit is a 413 too.
  const router = express.Router();
  router.use(inner);
  router.use(payloadTooLargeHandler);
  return router;
}
