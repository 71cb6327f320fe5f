import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import mlopsPlugin from '@mlightenment/backstage-plugin-mlops/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Further plugins and modules (catalog graph and its MLightenment module, org,
// API docs, ...) are discovered from this package's dependencies:
// `app.packages: all` in app-config.yaml.
export default createApp({
  features: [catalogPlugin, mlopsPlugin, navModule, signInModule],
});
