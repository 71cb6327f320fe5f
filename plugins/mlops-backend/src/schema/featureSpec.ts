import { Router } from 'express';
import { spec } from './openapi.generated';

/** The routes of each feature's router: the spec's paths starting with these. */
export const FEATURE_PATHS = {
  scorecards: [
    '/scorecards',
    '/teams',
    '/rubric',
    '/check-results',
    '/badges',
    '/schemas',
  ],
  gates: ['/gates'],
  drift: [
    '/drift/alerts',
    '/drift/health',
    '/drift/observations',
    '/drift/series',
  ],
  driftSources: ['/drift/sources'],
  alerting: ['/drift/deliveries'],
  value: ['/value'],
  kpiSources: ['/kpi-sources'],
  diagnostic: ['/diagnostic'],
  rejected: ['/rejected-entities'],
} as const;

/** A feature of the plugin, as its router serves it. */
export type Feature = keyof typeof FEATURE_PATHS;

/** Whether the spec's `path` is one of `feature`'s routes. */
export function isPathOf(feature: Feature, path: string): boolean {
  return FEATURE_PATHS[feature].some(
    prefix => path === prefix || path.startsWith(`${prefix}/`),
  );
}

/**
 * The plugin's OpenAPI document with one feature's paths only, for that
 * feature's router. Each router then validates its own routes, once and
 * with its own options; with the whole document, every router validated
 * every request that passed it, and each held the whole document's routes.
 * Typed as the whole document: the router is typed by it, and registers
 * only its feature's routes.
 */
export function featureSpec(feature: Feature): typeof spec {
  const paths = Object.fromEntries(
    Object.entries(spec.paths).filter(([path]) => isPathOf(feature, path)),
  );
  return { ...spec, paths } as unknown as typeof spec;
}

/**
 * Serves the whole document at `/openapi.json`, its paths under the plugin's
 * base path, as Backstage's validated routers do for theirs: registered
 * before the features' routers, each of which would serve its own part.
 */
export function createOpenApiDocumentRouter(): Router {
  const router = Router();
  router.get('/openapi.json', (req, res) => {
    const base = req.originalUrl.replace(/\/openapi\.json(\?.*)?$/, '');
    res.json({
      ...spec,
      paths: Object.fromEntries(
        Object.entries(spec.paths).map(([path, item]) => [base + path, item]),
      ),
    });
  });
  return router;
}
