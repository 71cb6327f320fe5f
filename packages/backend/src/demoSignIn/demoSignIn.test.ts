import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { DEMO_USER_HEADER, demoSignInModule, demoUsersPlugin } from '.';

const maria = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'maria-silva',
    namespace: 'default',
    description: 'Head of Retention Marketing',
  },
  spec: {
    profile: { displayName: 'Maria Silva' },
    memberOf: ['retention-marketing'],
  },
  relations: [
    { type: 'memberOf', targetRef: 'group:default/retention-marketing' },
  ],
};

async function startDemoBackend() {
  return startTestBackend({
    features: [
      authPlugin,
      demoSignInModule,
      demoUsersPlugin,
      catalogServiceMock.factory({ entities: [maria] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { demo: {} } },
        },
      }),
    ],
  });
}

describe('demo sign-in', () => {
  it('signs in as a user of the catalog, with the groups it is a member of', async () => {
    const { server } = await startDemoBackend();
    const response = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'maria-silva')
      .set('X-Requested-With', 'XMLHttpRequest');

    expect(response.status).toBe(200);
    expect(response.body.profile.displayName).toBe('Maria Silva');
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/maria-silva',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/maria-silva',
        'group:default/retention-marketing',
      ]),
    });
  });

  it('refuses a name that is not a user of the catalog, and a missing name', async () => {
    const { server } = await startDemoBackend();
    const unknown = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'mallory')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);

    const missing = await request(server)
      .get('/api/auth/demo/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toContain(DEMO_USER_HEADER);
  });

  it('lists the users of the catalog without a token, for the sign-in page', async () => {
    const { server } = await startDemoBackend();
    const response = await request(server).get('/api/demo-users');
    expect(response.status).toBe(200);
    expect(response.body.users).toEqual([
      {
        name: 'maria-silva',
        entityRef: 'user:default/maria-silva',
        displayName: 'Maria Silva',
        description: 'Head of Retention Marketing',
        groups: ['group:default/retention-marketing'],
      },
    ]);
  });
});
