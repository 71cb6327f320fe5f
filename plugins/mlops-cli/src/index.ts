/**
 * The `mlightenment-mlops` command: checks catalog files holding MLightenment
 * entities before they are committed.
 *
 * @packageDocumentation
 */

import { runCli } from './cli';

runCli(process.argv.slice(2), {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
}).then(code => {
  process.exitCode = code;
});
