#!/usr/bin/env node
// Per-suite timings of a jest run (`--json --outputFile=FILE`, as `./run
// test` writes it): the time of each package's suites and the slowest
// suites, as Markdown, so that the slow ones are visible.
//   node scripts/test-timings.mjs node_modules/.cache/test-results.json
import fs from 'node:fs';
import path from 'node:path';

const file = process.argv[2] ?? 'node_modules/.cache/test-results.json';
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const root = process.cwd();
const suites = results.testResults.map(suite => {
  const relative = path.relative(root, suite.name);
  const [, pkg] = relative.match(/^((?:plugins|packages)\/[^/]+)/) ?? [];
  return {
    file: relative,
    pkg: pkg ?? relative,
    seconds: (suite.endTime - suite.startTime) / 1000,
    tests: suite.assertionResults.length,
  };
});
const byPackage = new Map();
for (const suite of suites) {
  const entry = byPackage.get(suite.pkg) ?? { suites: 0, tests: 0, seconds: 0 };
  entry.suites += 1;
  entry.tests += suite.tests;
  entry.seconds += suite.seconds;
  byPackage.set(suite.pkg, entry);
}
const s = x => x.toFixed(1);
const lines = [
  `${results.numTotalTests} tests in ${results.numTotalTestSuites} suites; ` +
    `suite times add up to ${s(suites.reduce((a, b) => a + b.seconds, 0))} s ` +
    '(jest runs them in parallel, so the wall time is shorter).',
  '',
  '| package | suites | tests | suite time (s) |',
  '| --- | ---: | ---: | ---: |',
  ...[...byPackage]
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .map(
      ([pkg, e]) => `| ${pkg} | ${e.suites} | ${e.tests} | ${s(e.seconds)} |`,
    ),
  '',
  '| slowest suites | tests | time (s) |',
  '| --- | ---: | ---: |',
  ...suites
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 15)
    .map(x => `| ${x.file} | ${x.tests} | ${s(x.seconds)} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
