// The demo portal's backend: the catalog with the MLightenment kinds, the
// MLightenment backend (scorecards), notifications, MCP actions, guest
// sign-in and an allow-all permission policy.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
// Processing errors go to the backend log and to the unprocessed-entities page.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(
  import('@mlightenment/backstage-plugin-catalog-backend-module-mlops'),
);

backend.add(import('@mlightenment/backstage-plugin-mlops-backend'));

// Level-drop notifications, shown live in the app.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The scorecard actions for MCP clients, at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.start();
