import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import mlopsPlugin, {
  mlopsCatalogGraphModule,
} from '@mlightenment/backstage-plugin-mlops/alpha';
import { navModule } from './modules/nav';

// Further plugins (catalog graph, org, API docs, ...) are discovered from this
// package's dependencies: `app.packages: all` in app-config.yaml.
export default createApp({
  features: [catalogPlugin, mlopsPlugin, mlopsCatalogGraphModule, navModule],
});
