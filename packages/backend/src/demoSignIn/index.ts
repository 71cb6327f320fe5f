export { demoSignInModule, DEMO_USER_HEADER } from './authModule';
export { demoUsersPlugin } from './usersPlugin';
export type { DemoUser } from './usersPlugin';
