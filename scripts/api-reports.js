#!/usr/bin/env node
// API reports of the published packages, made with API Extractor from the
// declarations the root type-check writes to dist-types/ (run `yarn tsc`
// first). Without arguments, writes each report next to its package.json;
// with --check (CI), fails when a public API changed and its report was not
// updated in the same change.
const fs = require('node:fs');
const path = require('node:path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');

// [package folder, entry point, report file]
const entryPoints = [
  ['plugins/mlops-common', 'src/index', 'report.api.md'],
  ['plugins/catalog-backend-module-mlops', 'src/index', 'report.api.md'],
  ['plugins/mlops', 'src/index', 'report.api.md'],
  ['plugins/mlops', 'src/alpha', 'report-alpha.api.md'],
  ['plugins/catalog-graph-module-mlops', 'src/index', 'report.api.md'],
  ['plugins/mlops-node', 'src/index', 'report.api.md'],
  ['plugins/mlops-backend', 'src/index', 'report.api.md'],
  ['plugins/mlops-backend-module-prometheus', 'src/index', 'report.api.md'],
];

const ownDeclarations = Object.fromEntries(
  ['mlops-common', 'catalog-backend-module-mlops', 'mlops', 'mlops-node'].map(
    folder => [
      require(path.join(root, 'plugins', folder, 'package.json')).name,
      [`dist-types/plugins/${folder}/src/index.d.ts`],
    ],
  ),
);

let failed = false;
for (const [folder, entry, report] of entryPoints) {
  const projectFolder = path.join(root, folder);
  const config = ExtractorConfig.prepare({
    configObjectFullPath: path.join(projectFolder, 'api-extractor.json'),
    packageJsonFullPath: path.join(projectFolder, 'package.json'),
    configObject: {
      projectFolder,
      mainEntryPointFilePath: path.join(
        root,
        'dist-types',
        folder,
        `${entry}.d.ts`,
      ),
      compiler: {
        // Our packages' `types` point at their sources in a clone; analyse
        // their declarations instead, as an installer would get them.
        overrideTsconfig: {
          extends: path.join(root, 'tsconfig.json'),
          compilerOptions: { baseUrl: root, paths: ownDeclarations },
        },
      },
      apiReport: {
        enabled: true,
        reportFolder: projectFolder,
        reportTempFolder: path.join(
          root,
          'node_modules/.cache/api-reports',
          folder,
        ),
        reportFileName: report,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: 'none', addToApiReportFile: true },
          // TSDoc on every member is not required; the warning would also
          // put this machine's paths into the report.
          'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
  const result = Extractor.invoke(config, {
    localBuild: !check,
    showVerboseMessages: false,
  });
  const where = path.join(folder, report);
  // A message API Extractor cannot attach to a declaration lands in the report
  // with this machine's path, which every other clone sees as a change.
  const written = path.join(localBuildFolder(check, folder), report);
  if (
    fs.existsSync(written) &&
    fs.readFileSync(written, 'utf8').includes(root)
  ) {
    console.error(
      `${where} names a path of this machine: a type used inside an inline type is not exported; give the inline type a name and export it`,
    );
    failed = true;
  } else if (check && result.apiReportChanged) {
    console.error(`${where} is out of date: run node scripts/api-reports.js`);
    failed = true;
  } else if (!result.succeeded) {
    console.error(`${where}: API Extractor failed`);
    failed = true;
  } else {
    console.log(
      `${where} ${result.apiReportChanged ? 'written' : 'up to date'}`,
    );
  }
}
function localBuildFolder(checking, folder) {
  return checking
    ? path.join(root, 'node_modules/.cache/api-reports', folder)
    : path.join(root, folder);
}

process.exit(failed ? 1 : 0);
