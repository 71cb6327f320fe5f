import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsDriftObservationCreatePermission } from '@mlightenment/backstage-plugin-mlops-common';
import express, { NextFunction, Request, Response } from 'express';
import { spec } from '../schema/openapi.generated';
import { mlopsKindParam } from '../shared/entityRefs';
import { DriftService, PayloadTooLargeError } from './DriftService';

export interface DriftRouterOptions {
  service: DriftService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The largest request body, as body-parser reads it (e.g. `5mb`). */
  maxBodySize: string;
}

const DEFAULT_DAYS = 30;

/** Body-parser's errors in the API's words: the limit named, NaN explained. */
function bodyError(error: any, maxBodySize: string): Error {
  if (error?.type === 'entity.too.large') {
    return new PayloadTooLargeError(
      `the request body is larger than mlops.drift.ingestion.maxBodySize (${maxBodySize}); split the batch`,
    );
  }
  if (error?.type === 'entity.parse.failed') {
    const body = String(error.body ?? '');
    return new InputError(
      /\b(NaN|-?Infinity)\b/.test(body)
        ? 'the body contains NaN or Infinity, which JSON cannot carry and no drift statistic can be; leave such an observation out (Python: json.dumps(..., allow_nan=False) finds them)'
        : `the body is not valid JSON: ${error.message}`,
    );
  }
  return error;
}

/**
 * The drift routes under `/drift`, validated against drift.openapi.yaml.
 * Only `/drift/...` requests reach it, parsed with the configured body limit
 * before any other router of the plugin parses them.
 */
export function createDriftRouter(options: DriftRouterOptions) {
  const { service, httpAuth, permissions, maxBodySize } = options;
  const inner = createValidatedOpenApiRouter(spec, {
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

  const json = express.json({ limit: maxBodySize });
  const outer = express.Router();
  outer.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/drift/')) {
      next();
      return;
    }
    json(req, res, error => {
      if (error) next(bodyError(error, maxBodySize));
      else inner(req, res, next);
    });
  });
  outer.use(
    (error: Error, _req: Request, res: Response, next: NextFunction) => {
      if (error instanceof PayloadTooLargeError) {
        res
          .status(413)
          .json({ error: { name: error.name, message: error.message } });
        return;
      }
      next(error);
    },
  );
  return outer;
}
