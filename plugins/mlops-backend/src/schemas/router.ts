import { MLOPS_CATALOG_INFO_SCHEMA } from '@mlightenment/backstage-plugin-mlops-common';
import Router from 'express-promise-router';

/** The path editors fetch the catalog-file schema from, below the plugin's base URL. */
export const CATALOG_INFO_SCHEMA_PATH = '/schemas/catalog-info.schema.json';

/**
 * Serves the JSON schema of catalog files with ML entities, for the YAML
 * language server (`# yaml-language-server: $schema=…`). It is public: editors
 * fetch it without a token, and it holds no data, only the kinds' schemas.
 */
export function createSchemaRouter() {
  const router = Router();
  router.get(CATALOG_INFO_SCHEMA_PATH, (_req, res) => {
    res
      .status(200)
      .type('application/schema+json')
      .setHeader('Cache-Control', 'max-age=3600')
      .send(JSON.stringify(MLOPS_CATALOG_INFO_SCHEMA));
  });
  return router;
}
