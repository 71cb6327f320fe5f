import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';

/** A user of the demo catalog, as the demo sign-in page lists it. */
export interface DemoUser {
  name: string;
  entityRef: string;
  displayName: string;
  description?: string;
  groups: string[];
}

/**
 * `GET /api/demo-users`: the Users of the catalog, for the demo portal's
 * sign-in page, which runs before anyone is signed in (hence unauthenticated).
 * It only lists names and team memberships. Development only.
 */
export const demoUsersPlugin = createBackendPlugin({
  pluginId: 'demo-users',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ httpRouter, auth, catalog }) {
        const router = Router();
        router.get('/', async (_req, res) => {
          const { items } = await catalog.getEntities(
            {
              filter: { kind: 'User' },
              fields: ['kind', 'metadata', 'spec', 'relations'],
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          const users: DemoUser[] = items.map(entity => {
            const profile = (entity.spec?.profile ?? {}) as {
              displayName?: string;
            };
            return {
              name: entity.metadata.name,
              entityRef: stringifyEntityRef(entity),
              displayName:
                profile.displayName ??
                entity.metadata.title ??
                entity.metadata.name,
              description: entity.metadata.description,
              groups: (entity.relations ?? [])
                .filter(relation => relation.type === 'memberOf')
                .map(relation => relation.targetRef)
                .sort(),
            };
          });
          users.sort((a, b) => a.displayName.localeCompare(b.displayName));
          res.json({ users });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
