import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The request header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-demo-user';

const USER_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Reads the demo user's name from a request header. There is no password:
 * this provider exists so that the demo portal can show who signed off a
 * stage gate and who may not. Never configure it in a real deployment.
 */
const demoAuthenticator = createProxyAuthenticator({
  initialize() {},
  async authenticate({ req }) {
    const name = req.header(DEMO_USER_HEADER);
    if (!name || !USER_NAME.test(name)) {
      throw new AuthenticationError(
        `Demo sign-in needs the ${DEMO_USER_HEADER} header with the name of a User of the demo catalog, for example maria-silva`,
      );
    }
    return { result: { name } };
  },
  async defaultProfileTransform(result, ctx) {
    const { entity } = await ctx.findCatalogUser({
      entityRef: { kind: 'User', namespace: 'default', name: result.name },
    });
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName ?? entity.metadata.title,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
});

/**
 * The `demo` auth provider (`auth.providers.demo` in app-config.yaml): signs
 * in as any User of the catalog, with the ownership claims of that user (the
 * user and the groups it is a member of), so permission policies see a real
 * identity. Development only.
 */
export const demoSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: {
                  kind: 'User',
                  namespace: 'default',
                  name: result.name,
                },
              });
            },
          }),
        });
      },
    });
  },
});
