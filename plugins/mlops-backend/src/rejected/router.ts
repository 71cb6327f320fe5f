import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import { featureSpec } from '../schema/featureSpec';
import { normalizeRef } from '../shared/entityRefs';
import type { RejectedEntitiesService } from './RejectedEntitiesService';

/** The route `/rejected-entities`, validated against rejected.openapi.yaml. */
export function createRejectedEntitiesRouter(options: {
  service: RejectedEntitiesService;
  httpAuth: HttpAuthService;
}) {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(featureSpec('rejected'), {
    validatorOptions: {
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
      },
    },
  });

  router.get('/rejected-entities', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    let owner: string | undefined;
    if (req.query.owner !== undefined) {
      try {
        owner = normalizeRef(req.query.owner, { defaultKind: 'group' });
      } catch (error) {
        throw new InputError(
          `Invalid owner "${req.query.owner}": ${(error as Error).message}`,
        );
      }
    }
    res.json(await service.list(credentials, owner));
  });

  return router;
}
