import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  describeRubric,
  mlopsCheckResultCreatePermission,
  mlopsScorecardRefreshPermission,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Request } from 'express';
import { featureSpec } from '../schema/featureSpec';
import { toApiScorecard } from './apiShapes';
import { maturityBadge } from './badge';
import { mlopsKindParam } from '../shared/entityRefs';
import { maturityCsv } from './rollup';
import { principalOf } from '../shared/principal';
import type { ScorecardService } from './ScorecardService';

const DEFAULT_DAYS = 30;
/** Leaderboard entities per page of a team's roll-up. */
const DEFAULT_PAGE = 100;

export interface ScorecardRouterOptions {
  service: ScorecardService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Whether badges are served without a token (`mlops.badges.public`). */
  publicBadges: boolean;
}

function entityRefOf(params: {
  kind: string;
  namespace: string;
  name: string;
}) {
  return stringifyEntityRef({
    kind: mlopsKindParam(params.kind),
    namespace: params.namespace,
    name: params.name,
  }).toLowerCase();
}

/** Who a caller is, in the form stored with pushed results. */
/** The scorecard routes, validated against openapi.yaml. */
export function createScorecardRouter(options: ScorecardRouterOptions) {
  const { service, httpAuth, permissions, auditor } = options;
  const router = createValidatedOpenApiRouter(featureSpec('scorecards'), {
    validatorOptions: {
      validateRequests: {
        coerceTypes: true,
        allowUnknownQueryParameters: false,
      },
    },
  });

  const userOrService = (req: Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function authorize(
    req: Request<any, any, any, any>,
    permission:
      | typeof mlopsScorecardRefreshPermission
      | typeof mlopsCheckResultCreatePermission,
  ) {
    const credentials = await userOrService(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  router.get('/rubric', async (req, res) => {
    await userOrService(req);
    res.json(describeRubric(service.rubric));
  });

  router.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    const scorecard = await service.getScorecard(
      entityRefOf(req.params),
      credentials,
    );
    res.json(toApiScorecard(scorecard, service.rubric));
  });

  router.get('/scorecards/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(
      await service.getHistory(
        entityRefOf(req.params),
        req.query.days ?? DEFAULT_DAYS,
        credentials,
      ),
    );
  });

  router.post(
    '/scorecards/:kind/:namespace/:name/refresh',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const event = await auditor.createEvent({
        eventId: 'scorecard-refresh',
        severityLevel: 'low',
        request: req,
        meta: { entityRef },
      });
      try {
        const credentials = await authorize(
          req,
          mlopsScorecardRefreshPermission,
        );
        if (!(await service.canRead(entityRef, credentials))) {
          throw new NotFoundError(`No ML entity ${entityRef} in the catalog`);
        }
        const scorecard = await service.refreshEntity(entityRef);
        if (!scorecard) {
          throw new NotFoundError(`No ML entity ${entityRef} in the catalog`);
        }
        await event.success({ meta: { level: scorecard.level } });
        res.json(toApiScorecard(scorecard, service.rubric));
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.post('/check-results', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'check-result-push',
      severityLevel: 'medium',
      request: req,
      meta: { entityRef: req.body.entityRef, checkId: req.body.checkId },
    });
    try {
      const credentials = await authorize(
        req,
        mlopsCheckResultCreatePermission,
      );
      const stored = await service.pushCheckResult(
        req.body,
        principalOf(credentials),
      );
      await event.success({
        meta: { outcome: stored.outcome, submittedBy: stored.submittedBy },
      });
      res.status(201).json({
        entityRef: stored.entityRef,
        checkId: stored.checkId,
        outcome: stored.outcome,
        reason: stored.reason,
        ...(stored.link ? { link: stored.link } : {}),
        submittedBy: stored.submittedBy,
        submittedAt: stored.submittedAt.toISOString(),
      });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/teams', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(
      await service.getOverview(
        {
          days: req.query.days ?? DEFAULT_DAYS,
          kind: req.query.kind as MlopsKind | undefined,
        },
        credentials,
      ),
    );
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    const credentials = await userOrService(req);
    res.json(
      await service.getTeam(
        `group:${req.params.namespace}/${req.params.name}`,
        {
          days: req.query.days ?? DEFAULT_DAYS,
          kind: req.query.kind as MlopsKind | undefined,
          offset: req.query.offset ?? 0,
          limit: req.query.limit ?? DEFAULT_PAGE,
        },
        credentials,
      ),
    );
  });

  router.get('/teams/:namespace/:name/export.csv', async (req, res) => {
    const credentials = await userOrService(req);
    const team = await service.getTeam(
      `group:${req.params.namespace}/${req.params.name}`,
      {
        days: req.query.days ?? DEFAULT_DAYS,
        kind: req.query.kind as MlopsKind | undefined,
      },
      credentials,
    );
    res
      .status(200)
      .type('text/csv')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="mlops-maturity-${req.params.name}.csv"`,
      )
      .send(maturityCsv(team.entities, level => service.levelName(level)));
  });

  router.get('/badges/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: options.publicBadges
        ? ['user', 'service', 'none']
        : ['user', 'service'],
    });
    const entityRef = entityRefOf(req.params);
    // Public badges (opt-in) show the level of any evaluated entity.
    const scorecard =
      credentials.principal.type === 'none'
        ? await service.getStoredScorecard(entityRef)
        : await service
            .getScorecard(entityRef, credentials)
            .catch(() => undefined);
    if (!scorecard) throw new NotFoundError(`No scorecard for ${entityRef}`);
    res
      .status(200)
      .type('image/svg+xml')
      .setHeader('Cache-Control', 'max-age=300')
      .send(
        maturityBadge({
          level: scorecard.level,
          levelName: service.levelName(scorecard.level),
        }),
      );
  });

  return router;
}
