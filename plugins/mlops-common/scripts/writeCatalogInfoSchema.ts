// Writes schema/catalog-info.schema.json from the kind schemas; run through
// `yarn build:schema` after changing one of them.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MLOPS_CATALOG_INFO_SCHEMA } from '../src/kinds/catalogInfoSchema';

const target = resolve(__dirname, '../schema/catalog-info.schema.json');
writeFileSync(
  target,
  `${JSON.stringify(MLOPS_CATALOG_INFO_SCHEMA, null, 2)}\n`,
);
process.stdout.write(`wrote ${target}\n`);
