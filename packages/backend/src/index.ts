// The demo portal's backend: the catalog with the MLightenment kinds, the
// MLightenment backend (scorecards), notifications, MCP actions, sign-in
// as guest or as any user of the demo catalog, and a permission policy that
// allows everything but stage-gate decisions, which go to who signs them off.
import { createBackend } from '@backstage/backend-defaults';
import { demoGateHistoryModule } from './demoGateHistory';
import { demoSignInModule, demoUsersPlugin } from './demoSignIn';
import { demoPermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Sign in as any user of the demo catalog, to show who may sign off a gate.
backend.add(demoSignInModule);
backend.add(demoUsersPlugin);

backend.add(import('@backstage/plugin-catalog-backend'));
// Processing errors go to the backend log and to the unprocessed-entities page.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(
  import('@mlightenment/backstage-plugin-catalog-backend-module-mlops'),
);

backend.add(import('@mlightenment/backstage-plugin-mlops-backend'));
// Drift observations pulled from the demo's Prometheus (scripts/demo-prometheus.sh).
backend.add(
  import('@mlightenment/backstage-plugin-mlops-backend-module-prometheus'),
);
// Demo only: the months of stage-gate history the demo tells, written into
// the plugin's tables in the past (docs/stage-gates.md#the-demo). The
// published plugins time-stamp every decision with the server's clock.
backend.add(demoGateHistoryModule);

// Level-drop notifications, shown live in the app.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The scorecard actions for MCP clients, at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// Everything allowed, except stage-gate decisions: sponsors, owners and the
// configured sign-off groups only (packages/backend/src/permissionPolicy.ts).
backend.add(demoPermissionPolicyModule);

backend.start();
