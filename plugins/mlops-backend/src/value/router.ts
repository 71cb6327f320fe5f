import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KpiActualView,
  mlopsKpiActualCreatePermission,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Request } from 'express';
import { featureSpec } from '../schema/featureSpec';
import { toCsv } from '../shared/csv';
import { SponsorHomeDeps, sponsorHome } from './home';
import type { ValueService } from './ValueService';

export interface ValueRouterOptions {
  service: ValueService;
  home: SponsorHomeDeps;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const HISTORY_COLUMNS: ReadonlyArray<keyof KpiActualView> = [
  'id',
  'kpiId',
  'periodStart',
  'periodEnd',
  'value',
  'unit',
  'source',
  'recordedBy',
  'recordedAt',
  'comment',
  'evidenceUrl',
  'supersedes',
  'supersededBy',
  'definitionVersion',
];

/**
 * The business-value routes under `/value`, validated against
 * value.openapi.yaml; their bodies are parsed with the configured limit by
 * the plugin's createJsonBodyParser.
 */
export function createValueRouter(options: ValueRouterOptions) {
  const { service, home, httpAuth, permissions, auditor } = options;
  const router = createValidatedOpenApiRouter(featureSpec('value'), {
    validatorOptions: {
      validateRequests: {
        coerceTypes: true,
        allowUnknownQueryParameters: false,
      },
    },
  });
  const userOrService = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const useCaseRef = (params: { namespace: string; name: string }) =>
    `mlusecase:${params.namespace}/${params.name}`;

  router.get('/value', async (req, res) => {
    res.json(await service.getOverview(await userOrService(req)));
  });

  router.get('/value/mine', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await sponsorHome(home, credentials));
  });

  router.post('/value/actuals', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'kpi-actuals-push',
      severityLevel: 'medium',
      request: req,
      meta: {
        useCase: req.body.useCase,
        idempotencyKey: req.body.idempotencyKey,
        actuals: req.body.actuals.length,
      },
    });
    try {
      const credentials = await userOrService(req);
      const [decision] = await permissions.authorize(
        [{ permission: mlopsKpiActualCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          'pushing KPI actuals needs the mlops.kpi-actual.create permission',
        );
      }
      const result = await service.ingest(req.body, credentials);
      await event.success({ meta: { stored: result.stored } });
      res.status(result.duplicate ? 200 : 201).json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/value/:namespace/:name', async (req, res) => {
    res.json(
      await service.getValue(useCaseRef(req.params), await userOrService(req)),
    );
  });

  router.get('/value/:namespace/:name/history', async (req, res) => {
    const history = await service.getHistory(
      useCaseRef(req.params),
      await userOrService(req),
    );
    if (req.query.format === 'csv') {
      // The typed response describes the JSON variant; the CSV is a string.
      res
        .type('text/csv')
        .attachment(`${req.params.name}-kpi-actuals.csv`)
        .end(
          toCsv(
            HISTORY_COLUMNS.map(column => ({
              header: column,
              value: (record: KpiActualView) => record[column],
            })),
            history.records,
          ),
        );
      return;
    }
    res.json(history);
  });

  router.post('/value/:namespace/:name/actuals', async (req, res) => {
    const entityRef = useCaseRef(req.params);
    const event = await auditor.createEvent({
      eventId: 'kpi-actual-check-in',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef,
        kpi: req.body.kpi,
        periodStart: req.body.periodStart,
        supersedes: req.body.supersedes,
      },
    });
    try {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const value = await service.recordCheckIn(
        entityRef,
        req.body,
        credentials,
      );
      await event.success();
      res.status(201).json(value);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
