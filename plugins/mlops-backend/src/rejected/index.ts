import type {
  AuthService,
  DiscoveryService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
  UrlReaderService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogFileLines } from './CatalogFileLines';
import { RejectedEntitiesService } from './RejectedEntitiesService';
import { createRejectedEntitiesRouter } from './router';

/** What the rejected-entities route needs from the plugin. */
export interface RejectedEntitiesSetupOptions {
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  httpRouter: HttpRouterService;
}

/**
 * The ML entities the catalog rejected, with its errors and the lines they
 * are on, for their owners and platform teams: the `/rejected-entities`
 * route.
 */
export function setUpRejectedEntities(deps: RejectedEntitiesSetupOptions) {
  const service = new RejectedEntitiesService({
    ...deps,
    sourceLines: new CatalogFileLines(deps),
  });
  deps.httpRouter.use(
    createRejectedEntitiesRouter({ service, httpAuth: deps.httpAuth }),
  );
}
