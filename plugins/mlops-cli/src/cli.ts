import { promises as fs } from 'node:fs';
import { checkCatalogText, FileProblem } from './validate/checkCatalogText';
import { collectFiles } from './validate/collectFiles';

/** Where the command writes; process.stdout and process.stderr when run. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: mlightenment-mlops validate <file or folder>...

Checks catalog files offline with the validation of the MLightenment catalog
module, and catches what the catalog reports badly or too late: YAML errors,
misspelt kinds and root fields, ML kinds under another apiVersion, YAML 1.1
booleans. Folders are searched for *.yaml and *.yml files.

Prints each problem as  file:line  entity  field  message
and exits with 1 when there is any, 2 on a usage error.`;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

async function validate(paths: string[], output: Output): Promise<number> {
  if (!paths.length) {
    output.err(USAGE);
    return 2;
  }
  let files: string[];
  try {
    files = await collectFiles(paths);
  } catch (error) {
    output.err(`mlightenment-mlops: ${(error as Error).message}`);
    return 2;
  }
  let problems = 0;
  let checked = 0;
  let skipped = 0;
  for (const file of files) {
    const report = await checkCatalogText(await fs.readFile(file, 'utf8'));
    report.problems.forEach((p: FileProblem) =>
      output.out(`${file}:${p.line}  ${p.entity}  ${p.field}  ${p.message}`),
    );
    problems += report.problems.length;
    checked += report.checked;
    skipped += report.skipped;
  }
  const others = skipped
    ? ` (${count(skipped, 'entity', 'entities')} of other kinds not checked)`
    : '';
  output.err(
    `${count(problems, 'problem', 'problems')} in ${count(
      checked,
      'ML entity',
      'ML entities',
    )} of ${count(files.length, 'file', 'files')}${others}`,
  );
  return problems ? 1 : 0;
}

/** Runs the command line `args` (without node and the script) and returns the exit code. */
export async function runCli(args: string[], output: Output): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'validate') {
    return validate(rest, output);
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    output.out(USAGE);
    return 0;
  }
  output.err(USAGE);
  return 2;
}
